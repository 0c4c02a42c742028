import { afterAll, describe, expect, it } from "vitest";
import { emptyExercisesProgress, recordExercise } from "@/lib/exercises/progress";
import { testDrivers, type TestDb } from "../db/testing";
import { callerAs, createUser } from "../services/moderation-testing";
import { syncExerciseProgress } from "./progress";

const drivers = await testDrivers();
const at = (d: number) => new Date(Date.UTC(2026, 11, d, 10));
const opened: TestDb[] = [];
afterAll(async () => Promise.all(opened.map((t) => t.close())));

describe.each(drivers)("syncExerciseProgress on $driver", ({ available, create }) => {
  it.skipIf(!available)("merges every device's progress into the account, losing nothing, one row per exercise", async () => {
    const t = await create({ seed: false });
    opened.push(t);
    const me = await createUser(t.db, "contributor");
    const laptop = recordExercise(recordExercise(emptyExercisesProgress(), "two-node-overlay", { done: true }, at(1)), "vxlan-firewall", { hints: 2 }, at(1));
    const phone = recordExercise(recordExercise(emptyExercisesProgress(), "vxlan-firewall", { solutionShown: true, hints: 1, done: true }, at(2)), "two-node-overlay", { hints: 3 }, at(2));

    expect(await syncExerciseProgress(t.db, me.id, laptop)).toEqual(laptop);
    const merged = await syncExerciseProgress(t.db, me.id, phone);
    expect(merged.exercises["two-node-overlay"]).toMatchObject({ status: "done", solutionShown: false, hints: 3 });
    expect(merged.exercises["vxlan-firewall"]).toMatchObject({ status: "done", solutionShown: true, hints: 2, at: at(2).toISOString() });
    // An old copy changes nothing; an empty one gets everything back.
    expect(await syncExerciseProgress(t.db, me.id, laptop)).toEqual(merged);
    expect(await syncExerciseProgress(t.db, me.id, emptyExercisesProgress())).toEqual(merged);
  });

  it.skipIf(!available)("keeps accounts apart, and takes only valid progress from signed-in users through tRPC", async () => {
    const t = await create({ seed: false });
    opened.push(t);
    const a = await createUser(t.db, "contributor");
    const b = await createUser(t.db, "contributor");
    await callerAs(t.db, a).exercises.syncProgress(recordExercise(emptyExercisesProgress(), "two-node-overlay", { done: true }, at(1)));
    expect(await callerAs(t.db, b).exercises.syncProgress(emptyExercisesProgress())).toEqual(emptyExercisesProgress());
    const bad = { ...emptyExercisesProgress(), exercises: { "../etc": { status: "done", solutionShown: false, hints: 0, at: at(1).toISOString() } } };
    await expect(callerAs(t.db, a).exercises.syncProgress(bad as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerAs(t.db, a).exercises.syncProgress({ ...emptyExercisesProgress(), version: 2 } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerAs(t.db, null).exercises.syncProgress(emptyExercisesProgress())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
