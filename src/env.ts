import { z } from "zod";

/**
 * Server environment, validated once. Every variable is optional: with none set the app runs on an
 * embedded PGlite database under `.data/pglite`.
 */
// An empty variable (DATABASE_URL=) means "not set", as shells and .env files commonly write it.
const optional = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (v === "" ? undefined : v), inner.optional());

const schema = z.object({
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")),
  /** Where the embedded database keeps its files; "memory" keeps it in memory (tests, e2e). */
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  /** Connections per process to a real server; keep it small for serverless and PgBouncer. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
