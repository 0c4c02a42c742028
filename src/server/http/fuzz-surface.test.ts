/**
 * The HTTP fuzz (e2e/http-fuzz.spec.ts) keeps its own list of tRPC procedures and auth endpoints,
 * since it cannot import server-only modules. This holds that list to the app: a procedure or an
 * endpoint added here without being added there fails, and so does an example its schema refuses.
 */
import { describe, expect, it } from "vitest";
import { AUTH_ENDPOINTS, PROCEDURES, type Fixture } from "../../../e2e/fuzz/surface";
import { appRouter } from "../api/root";
import { getAuth } from "../auth";
import type { Db } from "../db/client";

type Procedure = { _def: { type: string; inputs: { safeParse(v: unknown): { success: boolean; error?: unknown } }[] } };
const procedures = (appRouter._def as unknown as { procedures: Record<string, Procedure> }).procedures;

const fixture: Fixture = {
  slug: "fuzz-question",
  revisionIds: { en: 1, uk: 2 },
  suggestionId: 3,
  clientKey: "00000000-0000-4000-8000-000000000001",
  imageId: "a".repeat(64),
  readerEmail: "reader@example.test",
};
const uuid = "00000000-0000-4000-8000-000000000002";

describe("the HTTP fuzz's surface", () => {
  it("names every tRPC procedure, with its kind", () => {
    const actual = Object.fromEntries(Object.entries(procedures).map(([path, p]) => [path, p._def.type]));
    const listed = Object.fromEntries(Object.entries(PROCEDURES).map(([path, p]) => [path, p.type]));
    expect(listed).toEqual(actual);
  });

  it.each(Object.entries(PROCEDURES))("%s: the example is a valid input", (path, spec) => {
    const schema = procedures[path]._def.inputs[0];
    if (!schema) return expect(spec.example).toBeUndefined();
    const parsed = schema.safeParse(spec.example!(fixture, uuid));
    expect(parsed.error).toBeUndefined();
  });

  it("names every better-auth endpoint, with its methods", () => {
    // Listing the endpoints reads the configuration only; no query reaches the database.
    const api = getAuth({} as Db).api as unknown as Record<string, { path?: string; options?: { method?: string | string[] } }>;
    const actual = Object.values(api)
      .filter((e) => typeof e?.path === "string")
      .map((e) => ({ path: e.path, methods: [e.options?.method ?? []].flat().sort() }))
      .sort((a, b) => a.path!.localeCompare(b.path!));
    const listed = AUTH_ENDPOINTS.map((e) => ({ path: e.path, methods: [...e.methods].sort() })).sort((a, b) => a.path.localeCompare(b.path));
    expect(listed).toEqual(actual);
  });
});
