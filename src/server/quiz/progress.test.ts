import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyProgress, recordAttempt, resetItems } from "@/lib/quiz/progress";
import { createPgliteTestDb, type TestDb } from "../db/testing";
import { callerAs, createUser } from "../services/moderation-testing";
import { syncProgress } from "./progress";

let t: TestDb;
beforeAll(async () => {
  t = await createPgliteTestDb({ seed: false });
});
afterAll(async () => t?.close());

const at = (d: number) => new Date(Date.UTC(2026, 11, d, 10));

describe("syncProgress", () => {
  it("merges every device's progress into the account, losing and doubling nothing", async () => {
    const me = await createUser(t.db, "contributor");
    const laptop = recordAttempt(recordAttempt(emptyProgress(), "ob-mtu", true, at(1)), "ob-mtu", true, at(1));
    const phone = recordAttempt(emptyProgress(), "ob-scope", false, at(2));

    expect(await syncProgress(t.db, me.id, laptop)).toEqual(laptop);
    const merged = await syncProgress(t.db, me.id, phone);
    expect(Object.keys(merged.attempts).sort()).toEqual(["ob-mtu", "ob-scope"]);
    expect(merged.attempts["ob-mtu"].seen).toBe(2);
    expect(Object.keys(merged.cards)).toEqual(["ob-scope"]);
    // Sending the same again changes nothing.
    expect(await syncProgress(t.db, me.id, merged)).toEqual(merged);
    // A reset on one device reaches the account and is not undone by the other's old copy.
    const afterReset = await syncProgress(t.db, me.id, resetItems(merged, ["ob-mtu"], at(3)));
    expect(await syncProgress(t.db, me.id, laptop)).toEqual(afterReset);
    expect(afterReset.attempts["ob-mtu"]).toBeUndefined();
  });

  it("keeps accounts apart, and takes only valid progress through tRPC", async () => {
    const a = await createUser(t.db, "contributor");
    const b = await createUser(t.db, "contributor");
    await callerAs(t.db, a).quiz.syncProgress(recordAttempt(emptyProgress(), "ob-mtu", true, at(1)));
    expect(await callerAs(t.db, b).quiz.syncProgress(emptyProgress())).toEqual(emptyProgress());
    await expect(callerAs(t.db, a).quiz.syncProgress({ ...emptyProgress(), app: "other" } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerAs(t.db, null).quiz.syncProgress(emptyProgress())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
