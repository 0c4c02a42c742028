/**
 * The moderator's queue as people use it, on a follow-up question so the main question's revision
 * numbers stay as moderation.spec.ts expects: counts that agree with the list while loading and under
 * filters, focus and view after each decision, a suggestion merged line by line with a later
 * publication (the merged text shown before approving), edit-then-approve on a conflict starting from
 * the merged text, credit kept in the history, and the review as its own view on a phone.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { e2eSql } from "./db";
import { signUp } from "./accounts";

const run = Date.now().toString(36);
const moderator = { name: "Mod Flow", email: `mod-flow-${run}@example.test`, password: "moderator-pass-123" };
let slug = "";
let titleEn = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const sql = e2eSql();
  try {
    // The last follow-up: moderation.spec.ts publishes on the first one and counts its revisions.
    const [q] = await sql`
      select q.slug, r.title from questions q join question_revisions r on r.question_id = q.id and r.locale = 'en' and r.is_published
      where q.parent_id is not null order by q.position desc, q.id desc limit 1`;
    slug = q.slug as string;
    titleEn = q.title as string;
    // This spec ends on an empty queue. Suggestions other specs leave pending (the HTTP fuzz submits some at
    // random) are taken out of it first, as superseded.
    await sql`update suggestions set status = 'superseded' where status = 'pending'`;
  } finally {
    await sql.end();
  }
});

/** Pending suggestions on the follow-up question, as a contributor would have sent them (fixtures). */
async function suggest(locale: "en" | "uk", change: (published: { body: string; shortAnswer: string }) => { body?: string; shortAnswer?: string }) {
  const sql = e2eSql();
  try {
    const [r] = await sql`
      select r.id, r.question_id, r.body, r.short_answer from question_revisions r join questions q on q.id = r.question_id
      where q.slug = ${slug} and r.locale = ${locale} and r.is_published`;
    const c = change({ body: r.body as string, shortAnswer: r.short_answer as string });
    const [row] = await sql`
      insert into suggestions (question_id, locale, base_revision_id, body, short_answer, author_name, client_key)
      values (${r.question_id}, ${locale}, ${r.id}, ${c.body ?? null}, ${c.shortAnswer ?? null}, 'Fixture Author', gen_random_uuid())
      returning id`;
    return row.id as number;
  } finally {
    await sql.end();
  }
}

async function moderatorPage(browser: Browser, viewport: { width: number; height: number }, locale: "en" | "uk"): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const sql = e2eSql();
  try {
    const [exists] = await sql`select 1 from "user" where email = ${moderator.email}`;
    if (!exists) {
      await signUp(page, moderator, "/en/moderation");
      await sql`update "user" set role = 'moderator' where email = ${moderator.email}`;
    } else {
      await page.goto(`/${locale}/signin?next=/${locale}/moderation`);
      await page.getByLabel(locale === "en" ? "Email" : "Електронна пошта").fill(moderator.email);
      await page.getByLabel(locale === "en" ? "Password" : "Пароль").fill(moderator.password);
      await page.locator("form").getByRole("button", { name: locale === "en" ? "Sign in" : "Увійти" }).click();
      await page.waitForURL((url) => url.pathname === `/${locale}/moderation`);
    }
  } finally {
    await sql.end();
  }
  return page;
}

async function expectNoSeriousA11yIssues(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("counts agree with the list; decisions keep focus in view; different lines merge, a conflict is edited from the merged text; credit is kept (EN, 1280 px)", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = `Published first line ${run}.`;
  const appended = `A line the suggestion appends ${run}.`;
  const s1 = await suggest("en", (p) => ({ body: p.body.replace(/^[^\n]*/, first) }));
  const s2 = await suggest("en", (p) => ({ body: `${p.body.replace(/\n*$/, "")}\n\n${appended}\n` }));
  const conflicting = `The suggestion's own first line ${run}.`;
  const s4 = await suggest("en", (p) => ({ body: p.body.replace(/^[^\n]*/, conflicting) }));
  const s3 = await suggest("en", () => ({ shortAnswer: `To reject ${run}.` }));

  const mod = await moderatorPage(browser, { width: 1280, height: 800 }, "en");
  // Hold the queue's answer back: while it loads, nothing is counted as zero or empty.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await mod.route(/\/api\/trpc\/[^?]*moderation\.queue/, async (route) => {
    await held;
    await route.continue();
  });
  await mod.goto(`/en/moderation?question=${slug}&locale=en`);
  // The page's left edge lines up with the site header's.
  const left = async (l: ReturnType<Page["locator"]>) => (await l.boundingBox())!.x;
  expect(await left(mod.getByRole("heading", { level: 1 }))).toBeCloseTo(await left(mod.getByRole("banner").getByRole("link", { name: "Overlay Lab" })), 0);
  const count = mod.getByTestId("queue-count");
  await expect(count).toHaveText("Loading…");
  await expect(mod.getByTestId("queue-empty")).toHaveCount(0);
  await expect(mod.getByRole("combobox", { name: "Language" }).locator("option").first()).toHaveText("All");
  release();
  await expect(count).toHaveText("4 pending");
  await expect(mod.getByRole("combobox", { name: "Language" }).locator("option")).toHaveText(["All (4)", "EN (4)", "UA (0)"]);

  // A filter that matches nothing says so, and how many wait elsewhere.
  await mod.getByRole("combobox", { name: "Language" }).selectOption("uk");
  await expect(count).toHaveText("Nothing pending");
  // Other suites may leave suggestions pending in the shared database: the message counts whatever is there.
  await expect(mod.getByTestId("queue-empty")).toContainText(/^Nothing pending matches these filters \(\d+ pending in the whole queue\)\./);
  await mod.getByTestId("queue-empty").getByRole("button", { name: "Show all" }).click();
  await expect(count).toHaveText(/^\d+ pending$/);
  await mod.getByRole("combobox", { name: "Question" }).selectOption(slug);
  await mod.getByRole("combobox", { name: "Language" }).selectOption("en");
  await expect(count).toHaveText("4 pending");

  // Approve the first from low on the page: focus and view go to the confirmation.
  const review = mod.getByTestId("review");
  await mod.getByTestId("queue-list").getByRole("button", { name: new RegExp(`#${s1}\\b`) }).click();
  await expect(review).toContainText(first);
  // The rendered view marks the changed block, inline and side by side, in one scrolling flow.
  await review.getByRole("button", { name: "Rendered" }).click();
  const rendered = review.getByTestId("rendered-diff");
  await expect(rendered.locator("[data-block=ins]")).toContainText([first]);
  await expect(rendered.locator("[data-block=ins]").first()).toContainText("Added");
  await expect(rendered.locator("[data-block=del]")).toHaveCount(1);
  await review.getByRole("button", { name: "Side by side" }).click();
  await expect(rendered.locator("[data-block=ins]")).toContainText([first]);
  expect(await rendered.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length)).toBe(2);
  await expectNoSeriousA11yIssues(mod);
  await review.getByRole("button", { name: "Inline" }).click();
  await review.getByRole("button", { name: "Raw Markdown" }).click();
  const approve = review.getByRole("button", { name: /^Approve/ });
  await approve.scrollIntoViewIfNeeded();
  await approve.click();
  const decision = mod.getByTestId("last-decision");
  await expect(decision).toContainText(`#${s1} · Approved: revision`);
  await expect(decision).toBeFocused();
  await expect(decision).toBeInViewport();

  // The next one changed the same field from the same base, on other lines: merged line by line, and
  // the moderator sees the merged text (what approving publishes) and where each part comes from.
  await expect(review).toContainText(`#${s2}`);
  await expect(review.getByTestId("three-way")).toHaveCount(0);
  await expect(review.getByText("merged line by line")).toBeVisible();
  await expect(review.getByText(/Changes on different lines are merged onto it/)).toBeVisible();
  const merged = review.getByTestId("merge-sources");
  await expect(merged).toContainText("no conflicting lines");
  await expect(merged.locator("li[data-source=current]")).toContainText(first);
  await expect(merged.locator("li[data-source=proposed]")).toContainText(appended);
  await expect(review.locator("ins, [data-op=insert]").filter({ hasText: appended }).first()).toBeVisible();
  await expectNoSeriousA11yIssues(mod);
  await mod.screenshot({ path: "test-results/moderation-line-merge-en-1280.png", fullPage: true });
  await approve.click();
  await expect(decision).toContainText(`#${s2} · Approved: revision`);
  await expect(decision).toBeFocused();

  // The next one rewrote the line the first changed: a conflict. Editing starts from the merge.
  await expect(review).toContainText(`#${s4}`);
  await expect(review.getByTestId("three-way")).toBeVisible();
  await review.getByRole("button", { name: /^Edit then approve/ }).click();
  const body = review.getByRole("textbox", { name: "Answer", exact: true });
  await expect(body).toHaveValue(new RegExp(`^${conflicting}`));
  await expect(body).toHaveValue(new RegExp(`${appended}\\n$`));
  const sources = review.getByTestId("merge-sources");
  await expect(sources).toContainText("1 conflicting part");
  await expect(sources.locator("li[data-source=conflict]")).toContainText(conflicting);
  await expect(sources.locator("li[data-source=conflict]")).toContainText(first);
  await expect(sources.locator("li[data-source=current]")).toContainText(appended);
  await expectNoSeriousA11yIssues(mod);
  await mod.screenshot({ path: "test-results/moderation-merge-en-1280.png", fullPage: true });
  await review.getByRole("button", { name: "Publish my version" }).click();
  await expect(decision).toContainText(`#${s4} · Approved: revision`);
  await expect(decision).toBeFocused();
  await expect(decision).toBeInViewport();

  // Reject the last one from the bottom of its form: the same.
  await expect(review).toContainText(`#${s3}`);
  await review.getByRole("button", { name: /^Reject/ }).click();
  const confirm = review.getByRole("button", { name: "Reject suggestion" });
  await confirm.scrollIntoViewIfNeeded();
  await confirm.click();
  await expect(decision).toContainText(`#${s3} · Rejected.`);
  await expect(decision).toBeFocused();
  await expect(decision).toBeInViewport();
  await expect(mod.getByTestId("queue-empty")).toContainText("The queue is empty.");

  // Published: both changes; history credits the contributor and the moderator, linked to the suggestion.
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/en/q/${slug}`);
  await expect(page.locator("main")).toContainText(conflicting);
  await expect(page.locator("main")).toContainText(appended);
  await mod.goto(`/en/moderation/history?question=${slug}&locale=en`);
  const latest = mod.getByTestId("revision-list").locator("li").first();
  await expect(latest.getByTestId("revision-credit")).toHaveText("suggested by Fixture Author · edited and approved by Mod Flow");
  await expect(latest.getByRole("link", { name: "edited by a moderator" })).toHaveAttribute("href", `/en/moderation?id=${s4}`);
  const earlier = mod.getByTestId("revision-list").locator("li").nth(1);
  await expect(earlier.getByTestId("revision-credit")).toHaveText("suggested by Fixture Author · approved by Mod Flow");
  await expectNoSeriousA11yIssues(mod);

  // The audit log: titles, links to the suggestion and the revision, filters by moderator and action.
  await mod.goto("/en/moderation/audit");
  const table = mod.getByTestId("audit-table");
  await expect(table).toBeVisible();
  await mod.getByRole("combobox", { name: "Moderator" }).selectOption({ label: "Mod Flow" });
  await mod.getByRole("combobox", { name: "Action" }).selectOption("edit_approve");
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link", { name: `suggestion #${s4}` })).toHaveAttribute("href", `/en/moderation?id=${s4}`);
  await expect(rows.first().getByRole("link", { name: /^revision \d+$/ })).toHaveAttribute("href", `/en/moderation/history?question=${slug}&locale=en`);
  await expect(rows.first()).toContainText(titleEn);
  await mod.getByRole("combobox", { name: "Action" }).selectOption("rollback");
  await expect(mod.getByText("No decision matches these filters.")).toBeVisible();
  await expectNoSeriousA11yIssues(mod);
});

test("on a phone the review is its own view with a way back to the queue (UA, 390 px)", async ({ browser }) => {
  test.setTimeout(90_000);
  const a = await suggest("uk", () => ({ shortAnswer: `Перша правка ${run}.` }));
  const b = await suggest("uk", () => ({ shortAnswer: `Друга правка ${run}.` }));
  const mod = await moderatorPage(browser, { width: 390, height: 800 }, "uk");
  await mod.goto(`/uk/moderation?question=${slug}&locale=uk`);
  const list = mod.getByTestId("queue-list");
  const review = mod.getByTestId("review");
  await expect(list).toBeVisible();
  await expect(review).toBeHidden();
  // The hidden review takes no shortcuts: "a" here approves nothing.
  await expect(list.getByRole("button", { name: new RegExp(`#${a}\\b`) })).toHaveAttribute("aria-current", "true");
  await mod.keyboard.press("a");
  await mod.waitForTimeout(1000);
  await expect(mod.getByTestId("last-decision")).toBeEmpty();
  await expect(list.getByRole("button", { name: new RegExp(`#${a}\\b`) })).toBeVisible();

  // Tapping a row opens the review at the top of the screen, in place of the queue.
  await list.getByRole("button", { name: new RegExp(`#${b}\\b`) }).click();
  await expect(review).toBeVisible();
  await expect(review).toContainText(`Друга правка ${run}.`);
  await expect(list).toBeHidden();
  const back = mod.getByRole("button", { name: "← Назад до черги" });
  await expect(back).toBeInViewport();
  expect(await mod.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousA11yIssues(mod);
  await mod.screenshot({ path: "test-results/moderation-review-uk-390.png" });

  // Rejecting keeps the confirmation in view, with the next suggestion under it.
  await review.getByRole("button", { name: /^Відхилити/ }).click();
  await review.getByRole("button", { name: "Відхилити правку" }).click();
  const decision = mod.getByTestId("last-decision");
  await expect(decision).toContainText(`#${b} · Відхилено.`);
  await expect(decision).toBeFocused();
  await expect(decision).toBeInViewport();
  await expect(review).toContainText(`Перша правка ${run}.`);

  // Back to the queue, with focus on the row that is open.
  await back.click();
  await expect(list).toBeVisible();
  await expect(review).toBeHidden();
  await expect(list.getByRole("button", { name: new RegExp(`#${a}\\b`) })).toBeFocused();
  await list.getByRole("button", { name: new RegExp(`#${a}\\b`) }).click();
  await review.getByRole("button", { name: /^Відхилити/ }).click();
  await review.getByRole("button", { name: "Відхилити правку" }).click();
  await expect(decision).toContainText(`#${a} · Відхилено.`);

  // The audit log on a phone: every entry readable, nothing clipped, no sideways scroll.
  await mod.goto("/uk/moderation/audit");
  const first = mod.getByTestId("audit-table").locator("tbody tr").first();
  await expect(first).toContainText(`правки №${a}`);
  await expect(first).toBeInViewport();
  expect(await mod.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(await first.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await expectNoSeriousA11yIssues(mod);
  await mod.screenshot({ path: "test-results/moderation-audit-uk-390.png" });
});

test("a resubmission shows the earlier reason, its note, a link to it and what changed since (UA, 1280 px)", async ({ browser }) => {
  const sql = e2eSql();
  let oldId = 0;
  let newId = 0;
  try {
    const [r] = await sql`
      select r.id, r.question_id from question_revisions r join questions q on q.id = r.question_id
      where q.slug = ${slug} and r.locale = 'uk' and r.is_published`;
    const [old] = await sql`
      insert into suggestions (question_id, locale, base_revision_id, short_answer, note, author_name, client_key, status, reason_code, reason_text, decided_by_name, decided_at)
      values (${r.question_id}, 'uk', ${r.id}, ${`Overlay охоплює хости ${run}.`}, ${`Джерело: docs.docker.com ${run}`}, 'Fixture Author', gen_random_uuid(),
              'superseded', 'unclear', 'Поясніть, як саме: VXLAN.', 'Mod Flow', now())
      returning id`;
    oldId = old.id as number;
    const [again] = await sql`
      insert into suggestions (question_id, locale, base_revision_id, short_answer, note, author_name, client_key, resubmitted_from_id)
      values (${r.question_id}, 'uk', ${r.id}, ${`Overlay охоплює хости через VXLAN ${run}.`}, ${`Джерело: docs.docker.com ${run}`}, 'Fixture Author', gen_random_uuid(), ${oldId})
      returning id`;
    newId = again.id as number;
  } finally {
    await sql.end();
  }
  const mod = await moderatorPage(browser, { width: 1280, height: 900 }, "uk");
  await mod.goto(`/uk/moderation?id=${newId}`);
  const context = mod.getByTestId("resubmission");
  await expect(context).toBeVisible();
  await expect(context.getByRole("link", { name: `правки #${oldId}` })).toHaveAttribute("href", `/uk/moderation?id=${oldId}`);
  await expect(context.getByTestId("previous-reason")).toHaveText("Відхилено (модератор: Mod Flow): Відповідь стає менш зрозумілою — Поясніть, як саме: VXLAN.");
  await expect(context).toContainText(`Джерело: docs.docker.com ${run}`);
  await expect(context.locator("ins")).toHaveText(["через VXLAN "]);
  await expectNoSeriousA11yIssues(mod);
  await mod.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yIssues(mod);
  await mod.screenshot({ path: "test-results/moderation-resubmission-uk-1280.png" });
  await mod.getByTestId("review").getByRole("button", { name: /^Відхилити/ }).click();
  await mod.getByTestId("review").getByRole("button", { name: "Відхилити правку" }).click();
  await expect(mod.getByTestId("last-decision")).toContainText(`#${newId}`);
});
