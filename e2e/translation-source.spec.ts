/**
 * The other translation beside the one being changed, as Weblate shows the source beside a
 * translation: in the edit form for each field, and in the moderator's review of a suggestion.
 */
import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test } from "@playwright/test";
import { followUpAndModerator, trpc, type Account } from "./publish";
import { LOCALE_WIDTHS } from "./matrix";

// Client islands (the queue, the form, the notices) can take more than 5 s to hydrate on a loaded machine.
const expect = baseExpect.configure({ timeout: 15_000 });

const base = () => test.info().project.use.baseURL as string;
let slug = "";
let moderator: Account;
test.beforeAll(async () => {
  // The third follow-up: other suites publish on the main question and the others.
  ({ slug, moderator } = await followUpAndModerator(base(), 2, "Source Moderator"));
});

const published = (locale: "en" | "uk") =>
  trpc<{ revision: { id: number }; title: string; shortAnswer: string; body: string }>(base(), null, "question.bySlug", { slug, locale }, "query");

const L = {
  en: { label: (other: string) => `Published ${other} text of this field`, review: (other: string) => new RegExp(`^Published ${other} text of this field \\(revision \\d+\\)$`), title: "Title (EN)" },
  uk: { label: (other: string) => `Опублікований текст ${other} цього поля`, review: (other: string) => new RegExp(`^Опублікований текст ${other} цього поля \\(редакція \\d+\\)$`), title: "Заголовок (UA)" },
} as const;

for (const [locale, width] of LOCALE_WIDTHS) {
  test.describe(`${locale} at ${width} px`, () => {
    test.use({ viewport: { width, height: 860 } });
    test.describe.configure({ timeout: 90_000 });
    const other = locale === "en" ? "uk" : "en";
    const otherLabel = other === "en" ? "EN" : "UA";

    test("the form shows the other translation's text under each field", async ({ page }) => {
      const source = await published(other);
      await page.goto(`/${locale}/q/${slug}/suggest`);
      const sources = page.getByTestId("source-text");
      await expect(sources).toHaveCount(3);
      await expect(sources.locator("summary")).toHaveText(Array(3).fill(L[locale].label(otherLabel)));
      // Title and short answer open; the long answer on demand.
      await expect(sources.nth(0)).toHaveAttribute("open", "");
      await expect(sources.nth(0).locator(`[lang="${other}"]`)).toHaveText(source.title);
      await expect(sources.nth(2)).not.toHaveAttribute("open", "");
      await sources.nth(2).locator("summary").click();
      await expect(sources.nth(2).locator(`[lang="${other}"]`)).toContainText(source.body.split("\n")[0]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const { violations } = await new AxeBuilder({ page }).include("form").analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      // On the other tab, the source is this page's language.
      await page.getByRole("tab", { name: new RegExp(`^${otherLabel}`) }).click();
      await expect(page.getByTestId("source-text").first().locator(`[lang="${locale}"]`)).toHaveText((await published(locale)).title);
    });

    test("the moderator's review shows it beside the suggestion's fields", async ({ page, context }) => {
      const mine = await published(locale);
      const source = await published(other);
      const r = await trpc<{ suggestion: { id: number } }>(
        base(),
        null,
        "suggestion.submit",
        { questionSlug: slug, locale, baseRevisionId: mine.revision.id, changes: { title: `${mine.title} ${randomUUID().slice(0, 4)}` }, clientKey: randomUUID() },
        "mutation",
      );
      await context.addCookies(
        moderator.cookie.split("; ").map((pair) => ({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), url: base() })),
      );
      await page.goto(`/${locale}/moderation?question=${slug}&locale=${locale}&id=${r.suggestion.id}`);
      // On a phone the queue comes first, and a row opens the review as its own view.
      if (width === 390) await page.getByRole("button", { name: new RegExp(`#${r.suggestion.id} `) }).click();
      const review = page.getByTestId("review");
      await expect(review.getByRole("heading", { level: 2 })).toContainText(`${r.suggestion.id}`);
      const box = review.getByTestId("source-text");
      await expect(box).toHaveCount(1);
      await expect(box.locator("summary")).toHaveText(L[locale].review(otherLabel));
      await expect(box.locator(`[lang="${other}"]`)).toHaveText(source.title);
      await expect(box).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).include('[data-testid="review"]').analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      // Leave the queue as it was for the other suites.
      await trpc(base(), moderator, "moderation.reject", { id: r.suggestion.id, reasonCode: "duplicate" }, "mutation");
    });
  });
}
