/**
 * Every tRPC procedure, called as every role with random and hostile payloads (fast-check): each call
 * either answers or is refused with a client error (400, 401, 403, 404, 409, 429 …). A 500 — an error the
 * procedure did not mean to raise — fails the test with the procedure, the role and the payload.
 *
 * The seed is fixed so CI is repeatable; FUZZ_SEED and FUZZ_RUNS explore further:
 *   FUZZ_RUNS=500 FUZZ_SEED=$RANDOM npx vitest run src/server/api/fuzz.test.ts
 */
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questionRevisions } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import { callerAs, createUser, EVERYONE, seedFixture, type Who } from "../services/moderation-testing";
import { HOSTILE_NUMBERS as SHARED_NUMBERS, HOSTILE_STRINGS as SHARED_STRINGS } from "@/lib/testing/hostile-values";
import { appRouter } from "./root";
import type { SessionUser } from "./trpc";

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

/** The shared hostile values, and the app's own words (slugs, locales, statuses) that reach deeper checks. */
const HOSTILE_STRINGS = [...SHARED_STRINGS, "what-is-overlay", "overlay-vs-bridge", "pending"];
const HOSTILE_NUMBERS = [...SHARED_NUMBERS, 2, Number.NaN, Number.POSITIVE_INFINITY];

/** Keys the procedures' inputs use, so random objects reach past "expected object" into each field's checks. */
const KEYS = [
  "id", "ids", "slug", "questionSlug", "question", "locale", "baseRevisionId", "revisionId", "changes", "clientKey", "key",
  "note", "title", "body", "shortAnswer", "image", "op", "uploadId", "reasonCode", "reasonText", "reason", "edits",
  "cursor", "limit", "status", "filter", "progress", "items", "item", "itemId", "answer", "answers", "command", "line",
  "exercise", "step", "steps", "done", "solution", "data", "version", "markdown", "text", "name", "email", "role",
  "from", "to", "before", "after", "expected", "force", "keys", "records",
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.uuid(),
  fc.date({ noInvalidDate: false }),
);

const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("v"), { maxKeys: 5 }),
  ),
})).v;

/** Anything at all, or an object of the keys inputs use with hostile values at any depth. */
const shapeless: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 8 }),
  value,
);

type ZodLike = { _zod: { def: Record<string, unknown> & { type: string } } };
const isZod = (x: unknown): x is ZodLike => typeof x === "object" && x !== null && "_zod" in x;

/**
 * Values of a zod schema's shape — small ids that name rows the fixture has, enum members, nested objects —
 * with hostile leaves mixed in, so calls get past "expected object" into the procedures' own logic.
 */
function fromSchema(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (!isZod(schema) || depth > 6) return leaf;
  const def = schema._zod.def;
  const inner = (x: unknown) => fromSchema(x, depth + 1);
  switch (def.type) {
    case "string":
      return def.format === "uuid" ? fc.oneof(fc.uuid(), leaf) : fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_STRINGS), leaf);
    case "number":
    case "int":
    case "bigint":
      return fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...HOSTILE_NUMBERS));
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.oneof(fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)), leaf);
    case "literal":
      return fc.constantFrom(...(def.values as unknown[]));
    case "array":
      return fc.array(inner(def.element), { maxLength: 3 });
    case "optional":
    case "default":
    case "prefault":
      return fc.option(inner(def.innerType), { nil: undefined });
    case "nullable":
      return fc.option(inner(def.innerType), { nil: null });
    case "pipe":
      return inner(def.in);
    case "union":
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case "record":
      return fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...KEYS)), inner(def.valueType), { maxKeys: 3 });
    case "object": {
      const shape = def.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      return fc.record(Object.fromEntries(keys.map((k) => [k, inner(shape[k])])), { requiredKeys: [] });
    }
    default:
      return leaf;
  }
}

/** A payload for one procedure: its input's shape (with hostile leaves), or anything at all. */
function payloadFor(procedure: Procedure): fc.Arbitrary<unknown> {
  const schema = procedure._def.inputs?.[0];
  return schema ? fc.oneof({ arbitrary: fromSchema(schema), weight: 3 }, { arbitrary: shapeless, weight: 1 }) : shapeless;
}

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs?: unknown[] } };
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, Procedure> }).procedures).filter(
  ([, p]) => p._def.type !== "subscription",
);

function call(caller: ReturnType<typeof callerAs>, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

const drivers = await testDrivers();

describe.each(drivers)("fuzzing every procedure on $driver", ({ available, create }) => {
  let t: TestDb;
  const users = new Map<Who, SessionUser | null>();
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    await seedFixture(t.db);
    users.set("anonymous", null);
    for (const who of EVERYONE) if (who !== "anonymous") users.set(who, await createUser(t.db, who));
  });
  afterAll(async () => t?.close());

  it.skipIf(!available)("lists the procedures it fuzzes", () => {
    expect(procedures.length).toBeGreaterThan(20);
    expect(procedures.map(([path]) => path)).toEqual(expect.arrayContaining(["suggestion.submit", "moderation.approve", "question.bySlug"]));
  });

  it.skipIf(!available)(
    "answers or refuses with a client error; never a 500",
    async () => {
      const failures: string[] = [];
      let answered = 0;
      const refused = new Map<string, number>();
      for (const [path, procedure] of procedures) {
        const payload = payloadFor(procedure);
        for (const who of EVERYONE) {
          await fc.assert(
            fc.asyncProperty(payload, async (input) => {
              try {
                await call(callerAs(t.db, users.get(who) ?? null), path, input);
                answered++;
              } catch (error) {
                if (!(error instanceof TRPCError)) throw error;
                refused.set(error.code, (refused.get(error.code) ?? 0) + 1);
                if (error.code === "INTERNAL_SERVER_ERROR") throw new Error(`${path} as ${who}: 500 — ${error.message}`, { cause: error.cause });
              }
            }),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
          ).catch((e: unknown) => failures.push(`${path} as ${who}: ${String(e instanceof Error ? e.message : e).slice(0, 1200)}`));
        }
      }
      expect(failures).toEqual([]);
      // The payloads reach past input validation: many calls are answered, and refusals are of every kind.
      expect(answered).toBeGreaterThan(procedures.length);
      expect([...refused.keys()]).toEqual(expect.arrayContaining(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]));
      if (process.env.FUZZ_RUNS) console.log(`fuzz: ${answered} answered; refused ${JSON.stringify(Object.fromEntries(refused))}`);
    },
    300_000,
  );

  // What fuzzing found, kept as plain cases so they are tried on every run whatever the seed.
  it.skipIf(!available)("refuses what fuzzing once turned into a 500", async () => {
    const mod = callerAs(t.db, users.get("moderator") ?? null);
    const refused = (p: Promise<unknown>) => p.then(() => "answered", (e: unknown) => (e instanceof TRPCError ? e.code : "crashed"));
    // A NUL in the audit log's account filter reached PostgreSQL ("invalid byte sequence").
    expect(await refused(mod.moderation.audit({ limit: 4, actorId: "\u0000" }))).toBe("BAD_REQUEST");
  });

  it.skipIf(!available)("leaves the data consistent: one published revision per question and locale", async () => {
    const rows = await t.db
      .select({ questionId: questionRevisions.questionId, locale: questionRevisions.locale, n: count() })
      .from(questionRevisions)
      .where(eq(questionRevisions.isPublished, true))
      .groupBy(questionRevisions.questionId, questionRevisions.locale);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });
});
