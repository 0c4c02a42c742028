/**
 * The suggest form as people use it, at phone and desktop widths in EN and UA: the preview never
 * widens the page, errors sit at their fields, and an anonymous contributor finds their suggestion
 * again through its private status link and after signing in.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eSql, mainQuestionSlug } from "./db";
import { LOCALE_WIDTHS } from "./matrix";

const run = Date.now().toString(36);
let slug = "";

test.beforeAll(async () => {
  slug = await mainQuestionSlug();
});

const L = {
  en: {
    preview: "Preview",
    edit: "Edit",
    changes: "Your changes",
    send: "Send for review",
    short: "Short answer (EN)",
    title: "Title (EN)",
    body: "Answer (EN)",
    note: "Note to the moderator (optional)",
    empty: "This field cannot be empty\\.",
    tooLong: "Too long: at most 2,000 characters\\.",
    summary: "2 fields need fixing before sending",
    counter: /^[\d,]+ of [\d,]+ characters$/,
  },
  uk: {
    preview: "Попередній перегляд",
    edit: "Редагування",
    changes: "Ваші зміни",
    send: "Надіслати на перевірку",
    short: "Коротка відповідь (UA)",
    title: "Заголовок (UA)",
    body: "Відповідь (UA)",
    note: "Примітка для модератора (необов’язково)",
    empty: "Це поле не може бути порожнім\\.",
    tooLong: "Текст задовгий: щонайбільше 2\\s?000 символів\\.",
    summary: "Перед надсиланням виправте 2 поля",
    counter: /^[\d\s ]+ з [\d\s ]+ символів$/,
  },
} as const;

async function expectNoSeriousA11yIssues(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const esc = (s: string) => s.replace(/[()]/g, "\\$&");

/** The page itself never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

for (const [locale, width] of LOCALE_WIDTHS) {
  test.describe(`${locale} at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("errors sit at their fields, summarised at the top, with focus on the first; every limited field counts", async ({ page }) => {
      const l = L[locale];
      await page.goto(`/${locale}/q/${slug}/suggest`);
      const left = async (l: ReturnType<Page["locator"]>) => (await l.boundingBox())!.x;
      if (width === 390) expect(await left(page.getByRole("heading", { level: 1 }))).toBeCloseTo(await left(page.getByRole("banner").getByRole("link", { name: "Overlay Lab" })), 0);
      // Locale tabs are text labels: no flag emoji that render as empty boxes without an emoji font.
      await expect(page.getByRole("tab")).toHaveText([/^EN/, /^UA/]);
      expect(await page.getByRole("tablist").textContent()).not.toMatch(/\p{Regional_Indicator}/u);
      for (const label of [l.title, l.short, l.body, l.note]) {
        const describedBy = page.getByLabel(label, { exact: true }).locator("xpath=ancestor::div[1]");
        await expect(describedBy.getByText(l.counter)).toBeVisible();
      }
      await page.getByLabel(l.title, { exact: true }).fill("");
      await page.getByLabel(l.note, { exact: true }).fill("n".repeat(2001));
      const send = page.getByRole("button", { name: l.send });
      await send.scrollIntoViewIfNeeded();
      await send.click();
      const summary = page.getByTestId("error-summary");
      await expect(summary).toHaveRole("alert");
      await expect(summary.getByRole("heading")).toHaveText(l.summary);
      await expect(summary.getByRole("link")).toHaveText([new RegExp(`^${esc(l.title)}: ${l.empty}$`), new RegExp(`^${esc(l.note)}: ${l.tooLong}$`)]);
      // The caret goes to the first wrong field, which is in view and says what is wrong.
      const title = page.getByLabel(l.title, { exact: true });
      await expect(title).toBeFocused();
      await expect(title).toBeInViewport();
      await expect(title).toHaveAttribute("aria-invalid", "true");
      await expect(title).toHaveAccessibleDescription(new RegExp(l.empty));
      // The summary's links lead to their field.
      await summary.getByRole("link").nth(1).click();
      await expect(page.getByLabel(l.note, { exact: true })).toBeFocused();
      await expectNoSeriousA11yIssues(page);
      if (width === 390) await page.screenshot({ path: `test-results/suggest-errors-${locale}-${width}.png` });
      // Fixing a field takes it out of the summary; fixing all removes the summary.
      await page.getByLabel(l.note, { exact: true }).fill("ok");
      await expect(summary.getByRole("link")).toHaveCount(1);
      await title.fill(`Fixed ${run}`);
      await expect(summary).toHaveCount(0);
      await expect(title).not.toHaveAttribute("aria-invalid", "true");

      // Before sending, the contributor sees their change as the moderator will.
      await page.getByRole("button", { name: l.changes }).click();
      const changes = page.getByTestId("your-changes");
      await expect(changes.locator("ins")).toContainText([`Fixed ${run}`]);
      await expect(changes.locator("del").first()).toBeVisible();
      await expectNoSidewaysScroll(page, width);
      await expectNoSeriousA11yIssues(page);
    });

    test("the preview keeps long code lines inside their scrollable, keyboard-reachable block", async ({ page }) => {
      const l = L[locale];
      await page.goto(`/${locale}/q/${slug}/suggest`);
      // A line far longer than any screen, so its block must scroll at every width.
      const body = page.getByLabel(l.body, { exact: true });
      await body.fill(`${await body.inputValue()}\n\n\`\`\`bash\ndocker network create -d overlay --attachable ${"--label lab=overlay ".repeat(12)}${run}\n\`\`\`\n`);
      // The answer field wraps its lines instead of scrolling sideways.
      expect(await body.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await page.getByRole("button", { name: l.preview }).click();
      const preview = page.getByTestId("suggest-preview");
      await expect(preview).toContainText(run);
      await expectNoSidewaysScroll(page, width);
      const pre = preview.locator("pre", { hasText: run });
      expect(await pre.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      await expect(pre).toHaveAttribute("tabindex", "0");
      await expect(pre).toHaveAttribute("aria-label", /.+/);
      // Reached by keyboard and scrolled with the arrow keys.
      await pre.focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => pre.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await expectNoSeriousA11yIssues(page);
      if (width === 390) await page.screenshot({ path: `test-results/suggest-preview-${locale}-${width}.png`, fullPage: false });
    });
  });
}

const ACCOUNT = {
  en: { tab: "Create account", name: "Name", email: "Email", password: "Password", pending: "Pending", changes: "Your changes", signIn: "Sign in to follow its status" },
  uk: {
    tab: "Створити обліковий запис",
    name: "Ім’я",
    email: "Електронна пошта",
    password: "Пароль",
    pending: "Очікує на перевірку",
    changes: "Ваші зміни",
    signIn: "Увійдіть, щоб стежити за її статусом",
  },
} as const;

test.beforeEach(async () => {
  // Every anonymous test submits from 127.0.0.1: start each from fresh hourly counters.
  const sql = e2eSql();
  try {
    await sql`delete from rate_limit_counters`;
  } finally {
    await sql.end();
  }
});

for (const [locale, width] of [
  ["en", 390],
  ["uk", 1280],
] as const) {
  test.describe(`${locale} at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test("an anonymous suggestion is found through its private status link and again after signing in", async ({ page, browser }) => {
      test.setTimeout(60_000);
      const l = L[locale];
      const a = ACCOUNT[locale];
      const text = `Anonymous ${locale} ${width} ${run}: VXLAN carries the overlay between hosts.`;
      await page.goto(`/${locale}/q/${slug}/suggest`);
      await page.getByLabel(l.short).fill(text);
      await page.getByRole("button", { name: l.send }).click();
      const statusLink = page.getByTestId("status-link");
      await expect(statusLink).toBeVisible();
      const href = (await statusLink.getAttribute("href")) as string;
      expect(href).toMatch(new RegExp(`^/${locale}/suggestion/\\d+\\?key=[0-9a-f-]{36}$`));

      // The status link works in another browser with no account and no storage: the key is the proof.
      const stranger = await browser.newContext({ viewport: { width, height: 900 } });
      const other = await stranger.newPage();
      await other.goto(href);
      await expect(other.getByTestId("suggestion-status")).toHaveText(a.pending);
      await expect(other.getByTestId("your-changes")).toContainText(run);
      await expectNoSidewaysScroll(other, width);
      await expectNoSeriousA11yIssues(other);
      // Without the key (or with a wrong one) the suggestion does not exist.
      expect((await other.goto(href.replace(/\?key=.*/, "")))?.status()).toBe(404);
      expect((await other.goto(href.replace(/key=.*/, "key=00000000-0000-4000-8000-000000000000")))?.status()).toBe(404);
      await stranger.close();

      // Signing in through the link on the confirmation claims it for the new account.
      await page.getByRole("link", { name: a.signIn }).click();
      await page.getByRole("tab", { name: a.tab }).click();
      await page.getByLabel(a.name).fill(`Anon ${run}`);
      await page.getByLabel(a.email).fill(`anon-${locale}-${width}-${run}@example.test`);
      await page.getByLabel(a.password).fill("anon-pass-12345");
      await page.locator("form").getByRole("button", { name: a.tab }).click();
      await page.waitForURL((url) => url.pathname === `/${locale}/account/suggestions`);
      await expect(page.getByTestId("claimed")).toBeVisible();
      // On a phone the page's left edge lines up with the header's (wider screens centre a reading column).
      const left = async (l: ReturnType<Page["locator"]>) => (await l.boundingBox())!.x;
      if (width === 390) expect(await left(page.getByRole("heading", { level: 1 }))).toBeCloseTo(await left(page.getByRole("banner").getByRole("link", { name: "Overlay Lab" })), 0);
      const mine = page.getByTestId("my-suggestions");
      await expect(mine).toContainText(a.pending);
      await page.getByText(a.changes).first().click();
      await expect(mine.getByTestId("your-changes")).toContainText(run);
      await expectNoSidewaysScroll(page, width);
      await expectNoSeriousA11yIssues(page);
      await page.screenshot({ path: `test-results/suggest-claimed-${locale}-${width}.png`, fullPage: true });
      // A reload lists it again (it is stored with the account, not remembered by the page).
      await page.reload();
      await expect(page.getByTestId("my-suggestions")).toContainText(a.pending);
      await expect(page.getByTestId("claimed")).toHaveCount(0);
    });
  });
}
