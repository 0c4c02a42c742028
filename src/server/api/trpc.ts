/**
 * All tRPC wiring in one place: the request context, the procedure layers
 * (public → protected → moderator), and the router factory.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import type { Db } from "../db/client";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE, withinDeadline } from "../db/unavailable";

export type Role = "contributor" | "moderator" | "admin";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /**
   * A contributor account younger than a day whose email is not verified: it gets the anonymous
   * submission limits (no SMTP server to verify with, so age stands in for trust).
   */
  newAccount?: boolean;
}

export interface Context {
  db: Db;
  /** The signed-in user, resolved on the server from the session cookie; null when anonymous. */
  user: SessionUser | null;
  /** The caller's address as the platform reports it, for rate limits. */
  ip: string;
  headers: Headers;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      // An unexpected failure's own text (a driver's, a library's) is for the server log, not the caller.
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side; try again in a moment." : shape.message,
      data: {
        ...shape.data,
        // Field-level messages for forms; never a stack trace.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        stack: undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * A procedure that failed because the database cannot be reached (a restart, a failover) answers 503
 * with a message saying so, not a 500: nothing is broken, and the caller can try again in a moment.
 */
const databaseAvailability = t.middleware(async ({ next }) => {
  let result: Awaited<ReturnType<typeof next>>;
  try {
    result = await withinDeadline(next());
  } catch (error) {
    // Still waiting on a database that was found away: answered now (see withinDeadline).
    if (isDatabaseUnavailable(error)) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: error });
    throw error;
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE, cause: result.error.cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(databaseAvailability);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const moderatorProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "moderator" && ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only moderators can do this." });
  }
  return next({ ctx });
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new TRPCError({ code: "FORBIDDEN", message: "Only admins can do this." });
  return next({ ctx });
});
