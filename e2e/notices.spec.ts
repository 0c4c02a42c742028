/**
 * Decisions reach the contributor on their next visit: approved, published with a moderator's edits,
 * or rejected with the reason — for a signed-in contributor and for one who sent without an account
 * (through the key their browser kept), at phone and desktop widths in EN and UA. A reader who never
 * suggested anything makes no request for them.
 */
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type BrowserContext, type Page } from "@playwright/test";
import { followUpAndModerator, signUp, trpc, type Account } from "./publish";
import { LOCALE_WIDTHS } from "./matrix";

// Client islands (the queue, the form, the notices) can take more than 5 s to hydrate on a loaded machine.
const expect = baseExpect.configure({ timeout: 15_000 });

const base = () => test.info().project.use.baseURL as string;
let slug = "";
let moderator: Account;

test.beforeAll(async () => {
  // The second follow-up: other suites publish on the main question and the first and last follow-ups.
  ({ slug, moderator } = await followUpAndModerator(base(), 1, "Notice Moderator"));
});

const L = {
  en: {
    region: "News about your suggestions",
    rejected: (id: number) => new RegExp(`^Your suggestion #${id} to “.+” \\(EN\\) was not accepted\\. Reason: Makes the answer less clear — Say which of the two\\.$`),
    edited: (id: number) => new RegExp(`^Your suggestion #${id} to “.+” \\(EN\\) was published with a moderator’s edits\\. The credit stays yours\\.$`),
    dismiss: (id: number) => `Dismiss the news about suggestion #${id}`,
    view: "See the suggestion",
    revise: "Revise and resubmit",
  },
  uk: {
    region: "Новини про ваші пропозиції",
    rejected: (id: number) => new RegExp(`^Вашу пропозицію №${id} до «.+» \\(UA\\) не прийнято\\. Причина: Відповідь стає менш зрозумілою — Say which of the two\\.$`),
    edited: (id: number) => new RegExp(`^Вашу пропозицію №${id} до «.+» \\(UA\\) опубліковано з правками модератора\\. Авторство лишається за вами\\.$`),
    dismiss: (id: number) => `Закрити новину про пропозицію №${id}`,
    view: "Переглянути пропозицію",
    revise: "Виправити й надіслати знову",
  },
} as const;

async function submit(who: Account | null, locale: "en" | "uk", title: string) {
  const page = await trpc<{ revision: { id: number }; title: string }>(base(), null, "question.bySlug", { slug, locale }, "query");
  const clientKey = randomUUID();
  const r = await trpc<{ suggestion: { id: number } }>(
    base(),
    who,
    "suggestion.submit",
    { questionSlug: slug, locale, baseRevisionId: page.revision.id, changes: { title }, clientKey },
    "mutation",
  );
  return { id: r.suggestion.id, clientKey, title: page.title };
}

const reject = (id: number) => trpc(base(), moderator, "moderation.reject", { id, reasonCode: "unclear", reasonText: "Say which of the two." }, "mutation");

async function signInAs(context: BrowserContext, account: Account) {
  await context.addCookies(
    account.cookie.split("; ").map((pair) => {
      const i = pair.indexOf("=");
      return { name: pair.slice(0, i), value: pair.slice(i + 1), url: base() };
    }),
  );
}

async function expectFitsAndAccessible(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="decision-notices"]').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

for (const [locale, width] of LOCALE_WIDTHS) {
  test.describe(`${locale} at ${width} px`, () => {
    test.use({ viewport: { width, height: 860 } });
    test.describe.configure({ timeout: 90_000 });
    const l = L[locale];

    test("a signed-in contributor is told of a rejection with its reason and of an edit then approval, until dismissed", async ({ page, context }) => {
      const contributor = await signUp(base(), `Notice Reader ${randomUUID().slice(0, 4)}`);
      const rejected = await submit(contributor, locale, `Which one? ${randomUUID().slice(0, 6)}`);
      const edited = await submit(contributor, locale, `A better title ${randomUUID().slice(0, 6)}`);
      await reject(rejected.id);
      await trpc(base(), moderator, "moderation.approve", { id: edited.id, edits: { title: `${rejected.title.replace(/ ·.*$/, "")} · ${randomUUID().slice(0, 4)}` } }, "mutation");
      await signInAs(context, contributor);

      await page.goto(`/${locale}`);
      const region = page.getByRole("region", { name: l.region });
      const items = region.getByTestId("decision-notice");
      await expect(items).toHaveCount(2);
      await expect(items.nth(0).locator("p").first()).toHaveText(l.edited(edited.id));
      await expect(items.nth(1).locator("p").first()).toHaveText(l.rejected(rejected.id));
      await expect(items.nth(1).getByRole("link", { name: l.revise })).toHaveAttribute("href", `/${locale}/q/${slug}/suggest?revise=${rejected.id}`);
      await expectFitsAndAccessible(page, width);

      // Dismissed by keyboard: gone, and not announced again on the next page.
      const dismiss = region.getByRole("button", { name: l.dismiss(rejected.id) });
      await dismiss.focus();
      await page.keyboard.press("Enter");
      await expect(items).toHaveCount(1);
      await page.goto(`/${locale}/q/${slug}`);
      await expect(page.getByTestId("decision-notice")).toHaveCount(1);
      // Following the notice to the suggestion counts as seen.
      await page.getByTestId("decision-notice").getByRole("link", { name: l.view }).click();
      await page.waitForURL(`**/${locale}/suggestion/${edited.id}`);
      await page.goto(`/${locale}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByTestId("decision-notices")).toHaveCount(0);
    });
  });
}

for (const locale of ["en", "uk"] as const) {
  test(`${locale}: an anonymous contributor hears of the decision through the key their browser kept`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 390, height: 860 });
    const sent = await submit(null, locale, `Anonymous idea ${randomUUID().slice(0, 6)}`);
    const other = await submit(null, locale, `Someone else's ${randomUUID().slice(0, 6)}`);
    await reject(sent.id);
    await reject(other.id);
    // The browser's record of what it sent, written on a light page of the site (any page of the origin will do).
    await page.goto("/robots.txt");
    await page.evaluate((records) => localStorage.setItem("overlay-lab:sent-suggestions", JSON.stringify(records)), [
      { id: sent.id, clientKey: sent.clientKey, locale },
    ]);
    await page.goto(`/${locale}/q/${slug}`);
    const items = page.getByTestId("decision-notice");
    await expect(items).toHaveCount(1);
    await expect(items.locator("p").first()).toHaveText(L[locale].rejected(sent.id));
    // Its private status link, and no "revise" (that needs an account).
    await expect(items.getByRole("link", { name: L[locale].view })).toHaveAttribute("href", `/${locale}/suggestion/${sent.id}?key=${sent.clientKey}`);
    await expect(items.getByRole("link", { name: L[locale].revise })).toHaveCount(0);
    await expectFitsAndAccessible(page, 390);
    await items.getByRole("button", { name: L[locale].dismiss(sent.id) }).click();
    await expect(items).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await expect(page.getByTestId("decision-notices")).toHaveCount(0);
  });
}

test("a reader who never suggested anything makes no request for news", async ({ page }) => {
  const asked: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/trpc/notice.")) asked.push(r.url());
  });
  await page.goto(`/en/q/${slug}`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(asked).toEqual([]);
});
