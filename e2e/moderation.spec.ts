/**
 * The contributors' half end to end, on a production build against real PostgreSQL: a contributor
 * suggests a UA change with an image and a note; a moderator sees the diff and the note and
 * approves; the public UA page shows the new text and image, the EN page says it may be outdated;
 * a second suggestion is rejected with a reason the contributor then sees.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { e2eSql, latestRevision, mainQuestionSlug, newestSuggestionId } from "./db";
import { signUp as signUpInEnglish } from "./accounts";

const run = Date.now().toString(36);
const contributor = { name: "Olena Contributor", email: `olena-${run}@example.test`, password: "contrib-pass-123" };
const moderator = { name: "Mod Erator", email: `mod-${run}@example.test`, password: "moderator-pass-123" };
const newShort = `Overlay-мережа з'єднує контейнери на різних хостах через VXLAN (UDP 4789). ${run}`;
const note = `Джерело: документація Docker, розділ overlay ${run}`;

test.describe.configure({ mode: "serial" });

let slug = "";

test.beforeAll(async () => {
  slug = await mainQuestionSlug();
});

async function signUp(page: Page, who: typeof contributor, locale: "en" | "uk") {
  await page.goto(`/${locale}/signin?mode=signup&next=/${locale}/account/suggestions`);
  await page.getByRole("tab", { name: locale === "en" ? "Create account" : "Створити обліковий запис" }).click();
  await page.getByLabel(locale === "en" ? "Name" : "Ім’я").fill(who.name);
  await page.getByLabel(locale === "en" ? "Email" : "Електронна пошта").fill(who.email);
  await page.getByLabel(locale === "en" ? "Password" : "Пароль").fill(who.password);
  await page.locator("form").getByRole("button", { name: locale === "en" ? "Create account" : "Створити обліковий запис" }).click();
  await page.waitForURL((url) => url.pathname === `/${locale}/account/suggestions`);
}

async function signIn(page: Page, who: typeof contributor) {
  await page.goto(`/en/signin?next=/en/moderation`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.locator("form").getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/en/moderation");
}

async function expectNoSeriousA11yIssues(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function pngBytes(background = { r: 20, g: 120, b: 200 }): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 40, channels: 3, background } }).png().toBuffer();
}

async function moderatorPage(browser: Browser, path = "/en/moderation"): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The moderator signs up like anyone; the role is granted in the database (as `user:create` would).
  await signUpInEnglish(page, moderator, "/en/moderation");
  await expect(page.getByTestId("moderation-forbidden")).toBeVisible();
  const sql = e2eSql();
  try {
    await sql`update "user" set role = 'moderator' where email = ${moderator.email}`;
  } finally {
    await sql.end();
  }
  await page.goto(path);
  return page;
}

test("a UA suggestion with an image and a note is approved and published; a second one is rejected with a reason", async ({ page, browser }) => {
  test.setTimeout(120_000);

  // Anonymous visitors get a sign-in prompt instead of the queue.
  await page.goto("/en/moderation");
  await expect(page.getByTestId("moderation-signin")).toBeVisible();

  // --- The contributor suggests a UA change with an image and a note.
  await signUp(page, contributor, "uk");
  await page.goto(`/uk/q/${slug}/suggest`);
  await expect(page.getByRole("heading", { level: 1, name: "Покращити статтю" })).toBeVisible();
  await expect(page.getByRole("tab", { name: /UA/ })).toHaveAttribute("aria-selected", "true");

  // Nothing changed yet: refused with a clear message.
  await page.getByRole("button", { name: "Надіслати на перевірку" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Ви ще нічого не змінили" })).toBeVisible();

  // A field error is shown next to its field, and the form is not sent.
  const titleField = page.getByLabel("Заголовок (UA)");
  const originalTitle = await titleField.inputValue();
  await titleField.fill("   ");
  await page.getByRole("button", { name: "Надіслати на перевірку" }).click();
  await expect(titleField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Це поле не може бути порожнім.", { exact: true })).toBeVisible();
  await titleField.fill(originalTitle);

  const short = page.getByLabel("Коротка відповідь (UA)");
  await short.fill(newShort);
  // Switching tabs keeps the UA edit; the EN tab shows the English text.
  await page.getByRole("tab", { name: /EN/ }).click();
  await expect(page.getByLabel("Коротка відповідь (EN)")).not.toHaveValue(newShort);
  await page.getByRole("tab", { name: /UA/ }).click();
  await expect(short).toHaveValue(newShort);

  await expectNoSeriousA11yIssues(page);
  await page.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yIssues(page);
  await page.emulateMedia({ colorScheme: "light" });

  // Wrong files are refused next to the field: by type in the browser, by content on the server.
  const file = page.locator('input[type="file"]');
  await file.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(page.getByRole("alert").filter({ hasText: "«notes.txt» — не зображення PNG, JPEG чи WebP." })).toBeVisible();
  await file.setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("<svg onload=alert(1)>") });
  await expect(page.getByRole("alert").filter({ hasText: "Only PNG, JPEG and WebP images are accepted." })).toBeVisible();
  await expect(short).toHaveValue(newShort); // nothing typed was lost

  await file.setInputFiles({ name: "diagram.png", mimeType: "image/png", buffer: await pngBytes() });
  await expect(page.getByTestId("image-preview")).toHaveAttribute("src", /\/api\/images\/[0-9a-f]{64}$/);
  await page.getByLabel("Примітка для модератора (необов’язково)").fill(note);

  // The preview is rendered by the server's pipeline.
  await page.getByRole("button", { name: "Попередній перегляд" }).click();
  await expect(page.getByTestId("suggest-preview")).toContainText(newShort);
  await page.getByRole("button", { name: "Редагування" }).click();

  await page.getByRole("button", { name: "Надіслати на перевірку" }).click();
  await expect(page.getByRole("heading", { name: /Дякуємо/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Переглянути в розділі «Мої правки»" })).toBeVisible();

  // --- A moderator signs in, sees the diff and the note, approves. (Other suites may have left suggestions
  // pending: the moderator opens this one by its link.)
  const base = await latestRevision(slug, "uk");
  const mod = await moderatorPage(browser, `/en/moderation?id=${await newestSuggestionId()}`);
  const review = mod.getByTestId("review");
  await expect(review).toContainText(note);
  await expect(review.locator("ins").filter({ hasText: run })).toBeVisible();
  await expect(review.getByTestId("image-after").locator("img")).toHaveAttribute("src", /\/api\/images\//);
  await expectNoSeriousA11yIssues(mod);
  await mod.emulateMedia({ colorScheme: "dark" });
  await expectNoSeriousA11yIssues(mod);
  await mod.emulateMedia({ colorScheme: "light" });

  // A second moderator tab has the same suggestion open; the first decision wins, the other is told.
  const other = await mod.context().newPage();
  await other.goto(mod.url());
  await expect(other.getByTestId("review")).toContainText(note);
  await review.getByRole("button", { name: /^Approve/ }).click();
  await expect(mod.getByTestId("last-decision")).toContainText(`Approved: revision ${base + 1} is published.`);
  await other.getByTestId("review").getByRole("button", { name: /^Approve/ }).click();
  await expect(other.getByTestId("decision-result")).toContainText(`was already approved by ${moderator.name}`);
  await other.close();

  // --- The public UA page shows the new text and image.
  await page.goto(`/uk/q/${slug}`);
  await expect(page.locator("main")).toContainText(newShort);
  await expect(page.locator('main img[src^="/api/images/"]')).toBeVisible();

  // --- The EN page says its short answer may be outdated (the UA text changed).
  await page.goto(`/en/q/${slug}`);
  await expect(page.getByTestId("translation-stale")).toBeVisible();
  // As wide as the short-answer card under it, with a gap before it.
  const notice = (await page.getByTestId("translation-stale").boundingBox())!;
  const card = (await page.locator("section[aria-labelledby=short-answer]").boundingBox())!;
  expect(Math.round(notice.width)).toBe(Math.round(card.width));
  expect(card.y - (notice.y + notice.height)).toBeGreaterThanOrEqual(12);

  // --- A second suggestion is rejected with a reason the contributor then sees.
  await page.goto(`/uk/q/${slug}/suggest`);
  await page.getByLabel("Заголовок (UA)").fill(`Погана назва ${run}`);
  await page.getByRole("button", { name: "Надіслати на перевірку" }).click();
  await expect(page.getByRole("heading", { name: /Дякуємо/ })).toBeVisible();

  await mod.goto(`/en/moderation?id=${await newestSuggestionId()}`);
  await expect(mod.getByTestId("review").locator("ins")).toContainText(`Погана назва ${run}`);
  await mod.keyboard.press("r"); // keyboard shortcut: reject
  await mod.getByLabel("Technically inaccurate").check();
  await mod.getByLabel(/Explain to the contributor/).fill(`Назва має лишитися запитанням ${run}`);
  await mod.getByRole("button", { name: "Reject suggestion" }).click();
  await expect(mod.getByTestId("last-decision")).toContainText("Rejected. The contributor sees your reason.");

  // Audit log records both decisions.
  await mod.goto("/en/moderation/audit");
  await expect(mod.getByTestId("audit-table")).toContainText("rejected");
  await expect(mod.getByTestId("audit-table")).toContainText("approved");

  await page.goto("/uk/account/suggestions");
  const rejected = page.getByTestId("reject-reason");
  await expect(rejected).toContainText("Технічно неточно");
  await expect(rejected).toContainText(`Назва має лишитися запитанням ${run}`);
  // The moderator note never reaches the contributor.
  await expect(page.locator("body")).not.toContainText(note);

  // Revise and resubmit: the form opens with the rejected text and the reason, and sends it again.
  await page.getByRole("link", { name: "Доопрацювати й надіслати знову" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Доопрацювати й надіслати знову" })).toBeVisible();
  // The form says why (the decision notice at the top of every page may say it too).
  await expect(page.getByText(`Причина від модератора: Технічно неточно — Назва має лишитися запитанням ${run}`, { exact: false })).toBeVisible();
  const title = page.getByLabel("Заголовок (UA)");
  await expect(title).toHaveValue(`Погана назва ${run}`);
  await title.fill(`Що таке overlay-мережа Docker і навіщо вона? ${run}`);
  await page.getByRole("button", { name: "Надіслати на перевірку знову" }).click();
  await expect(page.getByRole("heading", { name: /Дякуємо/ })).toBeVisible();
  await page.goto("/uk/account/suggestions");
  await expect(page.getByTestId("my-suggestions")).toContainText("Доопрацьовано й надіслано знову");
  await expect(page.getByTestId("my-suggestions")).toContainText("Очікує на перевірку");

  // Signing out from the header's account menu.
  await page.getByRole("button", { name: contributor.name }).click();
  await page.getByRole("button", { name: "Вийти" }).click();
  await expect(page.getByRole("link", { name: "Увійти" }).first()).toBeVisible();
  await page.goto("/uk/account/suggestions");
  await expect(page.getByText("Увійдіть, щоб побачити свої правки.")).toBeVisible();
});

test("a conflicting suggestion shows the three-way view, is settled by edit-then-approve, and a rollback restores an older revision", async ({ browser }) => {
  test.setTimeout(120_000);
  // An anonymous contributor sends two title changes from the same published revision.
  const anon = await (await browser.newContext()).newPage();
  await anon.goto(`/en/q/${slug}/suggest`);
  const titleA = `Docker overlay networks, explained ${run}`;
  const titleB = `When do you need a Docker overlay network? ${run}`;
  await anon.getByLabel("Title (EN)").fill(titleA);
  // A reload keeps what was typed (the draft lives in sessionStorage until it is sent).
  await anon.reload();
  await expect(anon.getByText("Your unsent draft was restored.")).toBeVisible();
  await expect(anon.getByLabel("Title (EN)")).toHaveValue(titleA);
  // A double click sends one suggestion, not two.
  await anon.getByRole("button", { name: "Send for review" }).dblclick();
  await expect(anon.getByRole("heading", { name: /Thank you/ })).toBeVisible();
  await expect(anon.getByText("With an account, all your suggestions are in one place:")).toBeVisible();
  await anon.getByRole("button", { name: "Suggest another edit" }).click();
  await anon.getByLabel("Title (EN)").fill(titleB);
  await anon.getByRole("button", { name: "Send for review" }).click();
  await expect(anon.getByRole("heading", { name: /Thank you/ })).toBeVisible();

  const sql = e2eSql();
  try {
    const [{ n }] = await sql`select count(*)::int as n from suggestions where title = ${titleA}`;
    expect(n).toBe(1);
  } finally {
    await sql.end();
  }

  const base = await latestRevision(slug, "en");
  const mod = await (await browser.newContext()).newPage();
  await signIn(mod, moderator);
  await mod.getByRole("combobox", { name: "Language" }).selectOption("en");
  const review = mod.getByTestId("review");
  await expect(review.locator("ins")).toContainText(titleA);
  // j / k move through the queue.
  const items = mod.getByTestId("queue-list").getByRole("button");
  await expect(items.nth(0)).toHaveAttribute("aria-current", "true");
  await mod.keyboard.press("j");
  await expect(items.nth(1)).toHaveAttribute("aria-current", "true");
  await expect(review).not.toContainText(titleA);
  await mod.keyboard.press("k");
  await expect(items.nth(0)).toHaveAttribute("aria-current", "true");
  await expect(review.locator("ins")).toContainText(titleA);
  await mod.keyboard.press("a"); // approve by shortcut
  await expect(mod.getByTestId("last-decision")).toContainText(`Approved: revision ${base + 1} is published.`);

  // The queue moves on by itself to the next one, written against the old title: a conflict, shown three ways.
  await expect(review).toContainText(titleB);
  await expect(review.getByTestId("three-way")).toBeVisible();
  await expect(review.getByRole("button", { name: /^Approve/ })).toBeDisabled();
  await mod.keyboard.press("e");
  const titleC = `What is a Docker overlay network, and when do you need one? ${run}`;
  await review.getByRole("textbox", { name: "Title", exact: true }).fill(titleC);
  await review.getByRole("button", { name: "Publish my version" }).click();
  await expect(mod.getByTestId("last-decision")).toContainText(`Approved: revision ${base + 2} is published.`);

  await anon.goto(`/en/q/${slug}`);
  await expect(anon.getByRole("heading", { level: 1 })).toHaveText(titleC);

  // History shows who edited; rolling back publishes the older text as a new revision.
  await mod.goto(`/en/moderation/history?question=${slug}&locale=en`);
  const revisions = mod.getByTestId("revision-list");
  await expect(revisions.locator("li").first()).toContainText("edited by a moderator");
  const withA = revisions.locator("li").filter({ hasText: "from suggestion" }).first();
  await withA.getByRole("button", { name: "Roll back to this revision" }).click();
  // A rollback says why: refused without a reason, then recorded with it.
  await withA.getByRole("button", { name: /text again$/ }).click();
  await expect(withA.getByText("Say why, so the next moderator knows.")).toBeVisible();
  await withA.getByLabel(/Why roll back/).fill(`Back to the agreed title ${run}`);
  await withA.getByRole("button", { name: /text again$/ }).click();
  await expect(mod.getByRole("status").filter({ hasText: "with the text of revision" })).toBeVisible();
  await expect(revisions.locator("li").first().getByTestId("rollback-note")).toHaveText(`Restored the text of revision ${base + 1} — “Back to the agreed title ${run}”`);
  await anon.reload();
  await expect(anon.getByRole("heading", { level: 1 })).toHaveText(titleA);
});

test("two images proposed from the same base: the second conflicts and the moderator picks it", async ({ browser }) => {
  test.setTimeout(90_000);
  const sql = e2eSql();
  const [followUp] = await sql`select slug from questions where parent_id is not null order by position, id limit 1`;
  await sql.end();
  const anon = await (await browser.newContext()).newPage();
  const urls: string[] = [];
  for (const background of [{ r: 200, g: 40, b: 40 }, { r: 40, g: 160, b: 60 }]) {
    await anon.goto(`/en/q/${followUp.slug}/suggest`);
    await anon.locator('input[type="file"]').setInputFiles({ name: "picture.png", mimeType: "image/png", buffer: await pngBytes(background) });
    const preview = anon.getByTestId("image-preview");
    await expect(preview).toHaveAttribute("src", /\/api\/images\//);
    urls.push((await preview.getAttribute("src")) as string);
    await anon.getByRole("button", { name: "Send for review" }).click();
    await expect(anon.getByRole("heading", { name: /Thank you/ })).toBeVisible();
  }

  const base = await latestRevision(followUp.slug, "en");
  const mod = await (await browser.newContext()).newPage();
  await signIn(mod, moderator);
  await mod.getByRole("combobox", { name: "Question" }).selectOption(followUp.slug);
  const review = mod.getByTestId("review");
  await expect(review.getByTestId("image-after").locator("img")).toHaveAttribute("src", urls[0]);
  // "Before" (no image) and "after" (a picture) have their captions on one line.
  const captionTop = async (id: string) => (await review.getByTestId(id).locator("figcaption").boundingBox())!.y;
  expect(Math.abs((await captionTop("image-before")) - (await captionTop("image-after")))).toBeLessThan(1);
  await mod.keyboard.press("a");
  await expect(mod.getByTestId("last-decision")).toContainText(`Approved: revision ${base + 1} is published.`);
  await expect(review.getByTestId("three-way")).toBeVisible();
  await mod.keyboard.press("e");
  await review.getByLabel("Use the proposed image").check();
  await review.getByRole("button", { name: "Publish my version" }).click();
  await expect(review.getByTestId("decision-result")).toBeEmpty();
  await expect(mod.getByTestId("last-decision")).toContainText(`Approved: revision ${base + 2} is published.`);

  await anon.goto(`/en/q/${followUp.slug}`);
  await expect(anon.getByTestId("question-image")).toHaveAttribute("src", urls[1]);
});

test("the queue's filters take input only once the address's own filters are applied", async ({ browser }) => {
  const context = await browser.newContext();
  const mod = await context.newPage();
  await signIn(mod, moderator);
  // As drawn by the server, before any script: the filters wait (a choice made then was overwritten).
  const still = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const page = await still.newPage();
  await page.goto("/en/moderation?locale=uk");
  await expect(page.getByRole("combobox", { name: "Language" })).toBeDisabled();
  await expect(page.getByRole("combobox", { name: "Question" })).toBeDisabled();
  await still.close();
  // Then they take the address's filters, and input.
  await mod.goto("/en/moderation?locale=uk");
  await expect(mod.getByRole("combobox", { name: "Language" })).toBeEnabled();
  await expect(mod.getByRole("combobox", { name: "Language" })).toHaveValue("uk");
  await mod.getByRole("combobox", { name: "Language" }).selectOption("en");
  await expect(mod).toHaveURL(/locale=en/);
  await context.close();
});
