import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { user } from "../../db/schema";
import { recordAudit } from "../../services/audit";
import { setRoleInput } from "../schemas/account";
import { adminProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const accountRouter = createTRPCRouter({
  /** Who is signed in (null when anonymous), with the role the server resolved. */
  me: publicProcedure.query(({ ctx }) => ctx.user),

  /** Admins grant or remove the moderator role. */
  setRole: adminProcedure.input(setRoleInput).mutation(async ({ ctx, input }) => {
    const email = input.email.toLowerCase();
    if (email === ctx.user.email.toLowerCase() && input.role !== "admin") {
      throw new TRPCError({ code: "BAD_REQUEST", message: "You cannot remove your own admin role; ask another admin." });
    }
    const [updated] = await ctx.db
      .update(user)
      .set({ role: input.role, updatedAt: new Date() })
      .where(eq(user.email, email))
      .returning({ id: user.id, email: user.email, role: user.role });
    if (!updated) throw new TRPCError({ code: "NOT_FOUND", message: `No account with the email ${input.email}.` });
    await recordAudit(ctx.db, {
      action: "role_change",
      actorId: ctx.user.id,
      actorName: ctx.user.name,
      details: { userId: updated.id, email: updated.email, role: updated.role },
    });
    return updated;
  }),
});
