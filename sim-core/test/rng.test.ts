import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caDigest, createRng, joinToken, localId, swarmId, tokenSecret, truncateId } from "../src";

describe("createRng", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const run = (seed: string) => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => rng.next());
    };
    expect(run("lab-1")).toEqual(run("lab-1"));
    expect(run("lab-1")).not.toEqual(run("lab-2"));
  });

  it("resumes exactly from a saved state", () => {
    const a = createRng(42);
    a.next();
    a.next();
    const b = createRng(0, a.state());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(Array.from({ length: 5 }, () => a.next()));
  });

  it("stays in range for any seed", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const rng = createRng(seed);
        for (let i = 0; i < 20; i++) {
          const f = rng.next();
          const k = rng.int(n);
          if (f < 0 || f >= 1 || k < 0 || k >= n || !Number.isInteger(k)) return false;
        }
        return true;
      }),
    );
  });

  it("refuses a non-positive bound", () => {
    expect(() => createRng(1).int(0)).toThrow(RangeError);
  });
});

describe("Docker identifiers", () => {
  it("have Docker's shapes and truncate to 12", () => {
    const rng = createRng("ids");
    const s = swarmId(rng);
    const l = localId(rng);
    expect(s).toMatch(/^[0-9a-z]{25}$/);
    expect(l).toMatch(/^[0-9a-f]{64}$/);
    expect(truncateId(l)).toBe(l.slice(0, 12));
  });

  it("builds join tokens in swarmkit's SWMTKN-1 form", () => {
    const rng = createRng("tokens");
    const token = joinToken(caDigest(rng), tokenSecret(rng));
    expect(token).toMatch(/^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/);
    expect(() => joinToken("short", "x")).toThrow(RangeError);
  });
});
