import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { e2eSql } from "./db";
import { signUp } from "./accounts";

/** Keyboard only: presses Tab until `target` has focus (fails if it never does). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`never reached ${target}`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const question = (page: Page) => page.getByTestId("question");

test("practice by keyboard alone: a wrong answer explains every option and links to its section; progress survives a reload", async ({ page }) => {
  await page.goto("/en/quiz?topic=overlay-vs-bridge");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quiz yourself");
  await expect(question(page)).toHaveAttribute("data-item", "ob-what-is-bridge");

  // Pick the second option (wrong): Tab into the radio group, arrow down, Tab to Check, Enter.
  await tabTo(page, page.getByLabel("A Linux bridge (a virtual switch) inside one host, with a veth pair per container"));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("A VXLAN tunnel between hosts")).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Check" }));
  await page.keyboard.press("Enter");

  const feedback = page.getByTestId("feedback");
  await expect(feedback).toBeFocused();
  await expect(feedback).toContainText("Not quite");
  await expect(feedback.getByRole("listitem")).toHaveCount(4);
  await expect(feedback).toContainText("That is the overlay driver; a bridge does no encapsulation.");
  await expect(feedback).toContainText("Packets between two containers on it never leave that host's kernel.");
  await expect(feedback.getByTestId("section-link")).toHaveAttribute("href", "/en/q/overlay-vs-bridge#bridge-one-host");
  await shot(page, "practice-wrong");

  await tabTo(page, page.getByTestId("next"));
  await page.keyboard.press("Enter");
  await expect(question(page)).toHaveAttribute("data-item", "ob-same-name");
  await tabTo(page, page.getByLabel("True")); // the group's first radio takes focus
  await page.keyboard.press("ArrowDown"); // to False, which checks it
  await expect(page.getByLabel("False")).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Check" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("feedback")).toContainText("Correct");

  const readiness = page.getByTestId("readiness-overlay-vs-bridge");
  await expect(readiness).toContainText("2 of 9 seen");
  await page.reload();
  await expect(page.getByTestId("readiness-overlay-vs-bridge")).toContainText("2 of 9 seen");

  // Reset that topic only: its answers and cards are forgotten, after a confirmation.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Reset progress for “What is the difference between overlay and bridge?”" }).click();
  await expect(page.getByTestId("readiness-overlay-vs-bridge")).toContainText("0 of 9 seen");
  await page.reload();
  await expect(page.getByTestId("readiness-overlay-vs-bridge")).toContainText("0 of 9 seen");

  // Answer the first item wrong again: the missed item becomes a flashcard due now.
  await page.getByLabel("A VXLAN tunnel between hosts").check();
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("feedback")).toContainText("Not quite");
  await page.goto("/en/quiz?mode=cards&topic=overlay-vs-bridge");
  await expect(page.getByTestId("due-count")).toHaveText("1 due · 8 new");
  await expect(page.getByTestId("flashcard")).toHaveAttribute("data-item", "ob-what-is-bridge");
});

test("command questions run in the simulator: an equivalent command passes, a near miss shows docker's output and the goal missed", async ({ page }) => {
  await page.goto("/en/quiz?topic=overlay-with-docker-run");
  // The third item is the command question; answer the first two.
  await page.getByLabel("The overlay was created without --attachable").check();
  await page.getByRole("button", { name: "Check" }).click();
  // The section has an exercise: the feedback links to it.
  await expect(page.getByTestId("feedback").getByTestId("exercise-link")).toHaveAttribute("href", "/en/exercises/attachable");
  await expect(page.getByTestId("feedback").getByTestId("exercise-link")).toContainText(/^Practise it in the lab: exercise \d+, “/);
  await page.getByTestId("next").click();
  await page.getByLabel("True").check();
  await page.getByRole("button", { name: "Check" }).click();
  await page.getByTestId("next").click();

  await expect(question(page)).toHaveAttribute("data-item", "or-cmd-run");
  const input = page.getByTestId("command-input");
  await input.fill("docker run --detach --network=dbg alpine sleep 1d"); // not the reference answer
  await input.press("Enter");
  const feedback = page.getByTestId("feedback");
  await expect(feedback).toContainText("Correct", { timeout: 15_000 });
  await expect(feedback).toContainText("The simulated swarm now matches the goal.");
  await expect(feedback.getByTestId("transcript").first()).toContainText("node-1$ docker run --detach --network=dbg alpine sleep 1d");
  await shot(page, "command-right");

  await page.goto("/en/quiz?topic=swarm-routing-mesh");
  await expect(question(page)).toHaveAttribute("data-item", "rm-cmd-mesh");
  await page.getByTestId("command-input").fill("docker service create --name web -p 80:8080 nginx");
  await page.getByRole("button", { name: "Run and check" }).click();
  const miss = page.getByTestId("feedback");
  await expect(miss).toContainText("Not quite", { timeout: 15_000 });
  await expect(miss.getByTestId("misses")).toHaveText("web does not publish port 8080 to the container's port 80.");
  await expect(miss.getByTestId("transcript").first()).toContainText("overall progress: 1 out of 1 tasks");
  await expect(miss).toContainText("docker service create --name web --publish published=8080,target=80 nginx");
  await shot(page, "command-near-miss");

  // A typo gets docker's own error.
  await page.getByTestId("next").click();
  await page.goto("/en/quiz?topic=swarm-routing-mesh");
  await page.getByTestId("command-input").fill("docker service create --name web --publsh 8080:80 nginx");
  await page.getByRole("button", { name: "Run and check" }).click();
  await expect(page.getByTestId("feedback").getByTestId("transcript").first()).toContainText("unknown flag: --publsh", { timeout: 15_000 });
  await expect(page.getByTestId("misses")).toHaveText("There is no service named web.");
});

test("interview: timed, scored at the end, every mistake reviewed, and a retry of just the mistakes", async ({ page }) => {
  await page.goto("/en/quiz?mode=interview&topic=swarm-routing-mesh");
  await page.getByTestId("start-interview").click();
  await expect(page.getByTestId("timer")).toContainText(/Time left: (10:00|9:5\d)/);

  for (let n = 1; n <= 10; n++) {
    const q = question(page);
    await expect(q.getByText(`Question ${n} of 10`)).toBeVisible();
    // Whatever comes first: the first option, the ordering as shown, a command that changes nothing.
    if (await q.locator("input").count()) await q.locator("input").first().check();
    else if (await q.getByTestId("command-input").count()) await q.getByTestId("command-input").fill("docker service ls");
    await q.locator("button[type=submit]").click();
  }

  const result = page.getByTestId("interview-result");
  await expect(result).toBeFocused();
  await expect(result).toContainText(/You scored [\d.]+ out of 10 \(\d+%\) in \d+:\d\d\./);
  const mistakes = page.getByTestId("mistake");
  const count = await mistakes.count();
  expect(count).toBeGreaterThan(0);
  await expect(mistakes.first().getByTestId("section-link")).toHaveAttribute("href", /^\/en\/q\/[a-z-]+#/);
  await shot(page, "interview-review");

  await page.getByTestId("retry-mistakes").click();
  await expect(question(page).getByText(`Question 1 of ${count}`)).toBeVisible();
});

test("flashcards by keyboard: Space flips, 1–4 grade, U undoes the last grade exactly", async ({ page }) => {
  await page.goto("/en/quiz?mode=cards&topic=overlay-on-single-host");
  const card = page.getByTestId("flashcard");
  await expect(card).toHaveAttribute("data-item", "os-costs");
  await expect(card).toHaveAttribute("data-side", "front");

  await page.keyboard.press("Space");
  await expect(card).toHaveAttribute("data-side", "back");
  await expect(page.getByTestId("card-back")).toContainText("Encapsulation overhead on every packet");
  await shot(page, "flashcard-back");

  await page.keyboard.press("4"); // Easy
  await expect(card).toHaveAttribute("data-item", "os-ports");
  await expect(page.getByTestId("cards-status")).toContainText("Graded Easy. Next review");
  const stored = () => page.evaluate(() => JSON.parse(localStorage.getItem("overlay-lab:quiz") ?? "{}").cards ?? {});
  expect(Object.keys(await stored())).toEqual(["os-costs"]);

  await page.keyboard.press("Space");
  await page.keyboard.press("1"); // Again
  expect(Object.keys(await stored()).sort()).toEqual(["os-costs", "os-ports"]);

  await page.keyboard.press("u");
  await expect(page.getByTestId("cards-status")).toHaveText("Last grade undone.");
  expect(Object.keys(await stored())).toEqual(["os-costs"]);
  await expect(card).toHaveAttribute("data-item", "os-ports");
  await page.keyboard.press("U");
  expect(await stored()).toEqual({});
  await expect(card).toHaveAttribute("data-item", "os-costs");
});

test("UA: the quiz in Ukrainian, with links to the Ukrainian headings", async ({ page }) => {
  await page.goto("/uk/quiz?topic=overlay-vs-bridge");
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Перевірте себе");
  await page.getByLabel("Linux bridge (віртуальний комутатор) усередині одного хоста, по парі veth на контейнер").check();
  await page.getByRole("button", { name: "Перевірити" }).click();
  const feedback = page.getByTestId("feedback");
  await expect(feedback).toContainText("Правильно");
  await expect(feedback.getByTestId("section-link")).toHaveText("Читати відповідь: Bridge: один хост");
  await expect(feedback.getByTestId("section-link")).toHaveAttribute("href", `/uk/q/overlay-vs-bridge#${encodeURIComponent("bridge-один-хост")}`);
  await feedback.getByTestId("section-link").click();
  await expect(page).toHaveURL(/\/uk\/q\/overlay-vs-bridge#/);
  await expect(page.locator("[id='bridge-один-хост']")).toBeVisible();

  await page.goto("/uk/quiz?mode=cards");
  await expect(page.getByTestId("due-count")).toHaveText("Нічого повторювати · 83 нові");
  await shot(page, "uk-cards");
});

test("reached from the header, the home page and each question's 'Quiz me'", async ({ page }) => {
  await page.goto("/en");
  await expect(page.getByTestId("home-quiz")).toHaveAttribute("href", "/en/quiz");
  await page.goto("/en/q/swarm-routing-mesh");
  await page.getByTestId("quiz-me").click();
  await expect(page).toHaveURL(/\/en\/quiz\?topic=swarm-routing-mesh$/);
  await expect(question(page)).toHaveAttribute("data-item", "rm-cmd-mesh");
  await page.getByTestId("nav-quiz").click();
  await expect(page).toHaveURL(/\/en\/quiz$/);
});

test("import refuses a file that is not quiz progress, and takes an exported one", async ({ page }) => {
  await page.goto("/en/quiz?topic=overlay-vs-bridge");
  await page.getByTestId("import").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from('{"hello":1}') });
  await expect(page.getByTestId("progress-status")).toContainText("That file is not Overlay Lab quiz progress");

  const progress = { app: "overlay-lab-quiz", version: 1, attempts: { "ob-mtu": { seen: 2, correct: 2, last: "right", at: "2026-12-01T10:00:00.000Z" } }, cards: {}, interviews: [] };
  await page.getByTestId("import").setInputFiles({ name: "p.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(progress)) });
  await expect(page.getByTestId("progress-status")).toHaveText("Progress imported and merged with this browser's.");
  await expect(page.getByTestId("readiness-overlay-vs-bridge")).toContainText("1 of 9 seen");

  const download = page.waitForEvent("download");
  await page.getByTestId("export").click();
  const file = await (await download).path();
  const { readFileSync } = await import("node:fs");
  expect(JSON.parse(readFileSync(file, "utf8")).attempts["ob-mtu"]).toEqual(progress.attempts["ob-mtu"]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("fits the screen and works", async ({ page }) => {
    await page.goto("/en/quiz?topic=swarm-routing-mesh");
    await page.getByTestId("command-input").fill("docker service create -p 8080:80 --name=web nginx");
    await page.getByRole("button", { name: "Run and check" }).click();
    await expect(page.getByTestId("feedback")).toContainText("Correct", { timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "phone-command");
    await page.goto("/en/quiz?mode=cards");
    await page.getByTestId("flip").tap();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "phone-cards");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the first question is server-rendered, with a note", async ({ page }) => {
    await page.goto("/en/quiz?topic=overlay-vs-bridge");
    await expect(question(page)).toContainText("What is a Docker bridge network, physically?");
    // The emulation disables scripts but not the parser's scripting flag, so read the note from the HTML.
    const html = await (await page.request.get("/en/quiz")).text();
    expect(html).toMatch(/<noscript><p[^>]*>Checking answers, the interview and flashcards need JavaScript\./);
  });
});

for (const path of ["/en/quiz", "/uk/quiz", "/en/quiz?mode=interview", "/en/quiz?mode=cards"]) {
  test(`${path} has no serious or critical accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await axe(page)).toEqual([]);
  });
}

test("feedback and a flipped card have no serious or critical accessibility violations, in dark mode too", async ({ page }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/en/quiz?topic=overlay-vs-bridge");
    await page.getByLabel("A VXLAN tunnel between hosts").check();
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page.getByTestId("feedback")).toBeVisible();
    expect(await axe(page)).toEqual([]);
    await page.goto("/en/quiz?mode=cards");
    await page.getByTestId("flip").click();
    expect(await axe(page)).toEqual([]);
  }
});

test("after a moderator publishes a change to a section, its quiz items wait for review under Moderation → Quiz review", async ({ browser }) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const who = { name: "Quiz Moderator", email: `quiz-mod-${run}@example.test`, password: "quiz-moderator-pass-1" };
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, who, "/en/moderation");
  const sql = e2eSql();
  try {
    await sql`update "user" set role = 'moderator' where email = ${who.email}`;
  } finally {
    await sql.end();
  }

  // A reader (not the moderator: a moderator's own edit waits for a second moderator) edits one section of
  // "overlay vs bridge": the MTU sentence under "Overlay: many hosts".
  const reader = await browser.newContext();
  const edit = await reader.newPage();
  await edit.goto("/en/q/overlay-vs-bridge/suggest");
  const body = edit.getByLabel("Answer (EN)", { exact: true });
  const text = await body.inputValue();
  await body.fill(text.replace("so the overlay MTU is 1450 on a 1500-byte underlay", `so the overlay MTU is 1450 on a 1500-byte underlay (${run})`));
  await edit.getByRole("button", { name: "Send for review" }).click();
  await expect(edit.getByRole("heading", { name: /Thank you/ })).toBeVisible();
  await reader.close();

  // Approved through the same tRPC endpoint the moderation page calls.
  const db = e2eSql();
  let id: number;
  try {
    [{ id }] = await db`select s.id from suggestions s join questions q on q.id = s.question_id where q.slug = 'overlay-vs-bridge' and s.status = 'pending' order by s.id desc limit 1`;
  } finally {
    await db.end();
  }
  // Other suites publish too (their sections' items are flagged as well): this test counts only what its edit adds.
  const itemIds = async () => page.getByTestId("quiz-review").locator("[data-item]").evaluateAll((els) => els.map((e) => e.getAttribute("data-item")!));
  await page.goto("/en/moderation/quiz");
  await expect(page.getByTestId("quiz-review").or(page.getByText(/^Nothing to review/))).toBeVisible();
  const before = new Set(await itemIds());
  const approved = await page.request.post("/api/trpc/moderation.approve?batch=1", { data: { 0: { json: { id } } } });
  expect(approved.ok(), await approved.text()).toBe(true);

  await page.goto("/en/moderation/quiz");
  const list = page.getByTestId("quiz-review");
  await expect(list.locator("[data-item='ob-mtu']")).toBeVisible();
  // Only this question's items ("ob-"): the other lane's suites may publish elsewhere meanwhile.
  const added = (await itemIds()).filter((i) => !before.has(i) && i.startsWith("ob-"));
  expect(added).toHaveLength(3);
  expect(added).toContain("ob-mtu");
  await expect(list.locator("[data-item='ob-mtu']")).toContainText("The underlay has an MTU of 1500 bytes. What is the overlay's MTU?");
  await expect(list.locator("[data-item='ob-mtu']").getByRole("link")).toHaveAttribute("href", "/en/q/overlay-vs-bridge#overlay-many-hosts");
  await shot(page, "moderation-quiz-review");
  expect(await axe(page)).toEqual([]);

  const flagged = await list.locator("[data-item]").count();
  await list.locator("[data-item='ob-mtu']").getByRole("button", { name: "Mark reviewed" }).click();
  await expect(list.locator("[data-item]")).toHaveCount(flagged - 1);
  await expect(list.locator("[data-item='ob-mtu']")).toHaveCount(0);
  await context.close();
});

test("signed in, progress follows the account to another browser", async ({ browser }) => {
  test.setTimeout(90_000);
  const run = Date.now().toString(36);
  const who = { name: "Quiz Learner", email: `quiz-learner-${run}@example.test`, password: "quiz-learner-pass-1" };

  const laptop = await (await browser.newContext()).newPage();
  await signUp(laptop, who, "/en/quiz");

  await laptop.goto("/en/quiz?topic=overlay-vs-bridge");
  await laptop.getByLabel("A Linux bridge (a virtual switch) inside one host, with a veth pair per container").check();
  const synced = laptop.waitForResponse((r) => r.url().includes("quiz.syncProgress") && (r.request().postData() ?? "").includes("ob-what-is-bridge"));
  await laptop.getByRole("button", { name: "Check" }).click();
  await expect(laptop.getByTestId("feedback")).toContainText("Correct");
  expect((await synced).ok()).toBe(true);

  // Another browser: nothing saved locally, the account brings the answer.
  const phone = await (await browser.newContext()).newPage();
  await phone.goto("/en/signin?next=/en/quiz");
  await phone.getByLabel("Email").fill(who.email);
  await phone.getByLabel("Password").fill(who.password);
  await phone.locator("form").getByRole("button", { name: "Sign in" }).click();
  await phone.waitForURL((url) => url.pathname === "/en/quiz");
  await phone.goto("/en/quiz?topic=overlay-vs-bridge");
  await expect(phone.getByTestId("readiness-overlay-vs-bridge")).toContainText("1 of 9 seen");
  await phone.context().close();
  await laptop.context().close();
});
