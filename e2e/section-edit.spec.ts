/**
 * "Suggest an edit" at the top of the question page and beside every section of the article, as
 * Wikipedia's section edit works: plain server-rendered links (no script needed to follow them) that
 * open the form with the caret at that section's heading, in EN and UA, by mouse or keyboard.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { mainQuestionSlug } from "./db";
import { LOCALE_WIDTHS } from "./matrix";

// The form is a client island: on a loaded machine it can take more than the default 5 s to hydrate.
const expect = baseExpect.configure({ timeout: 15_000 });

let slug = "";
test.beforeAll(async () => {
  slug = await mainQuestionSlug();
});

const L = {
  en: { top: "Suggest an edit", edit: "Edit", body: "Answer (EN)", label: (s: string) => `Suggest an edit to the section “${s}”`, notice: /Editing from the section “(.+)”/ },
  uk: { top: "Запропонувати правку", edit: "Редагувати", body: "Відповідь (UA)", label: (s: string) => `Запропонувати правку до розділу «${s}»`, notice: /Ви почали з розділу «(.+)»/ },
} as const;

/** The article's h2–h4 headings and their edit links, in order. */
async function sections(page: Page) {
  return page.locator("[data-markdown] .section-head").evaluateAll((heads) =>
    heads.map((h) => {
      const heading = h.querySelector("h2, h3, h4")!;
      const link = h.querySelector("a.section-edit") as HTMLAnchorElement;
      return { id: heading.id, text: heading.textContent!.trim(), href: link.getAttribute("href")!, label: link.getAttribute("aria-label")! };
    }),
  );
}

for (const [locale, width] of LOCALE_WIDTHS) {
  test.describe(`${locale} at ${width} px`, () => {
    test.use({ viewport: { width, height: 860 } });
    // Two page loads and an axe scan each: room for a busy machine.
    test.describe.configure({ timeout: 90_000 });
    const l = L[locale];

    test("every section has an edit link, and one at the top; they work by keyboard and land on the section", async ({ page }) => {
      await page.goto(`/${locale}/q/${slug}`);
      const top = page.getByTestId("suggest-edit-top");
      await expect(top).toHaveText(l.top);
      await expect(top).toBeInViewport();
      await expect(top).toHaveAttribute("href", `/${locale}/q/${slug}/suggest`);

      const all = await sections(page);
      const headings = await page.locator("[data-markdown]").locator("h2, h3, h4").count();
      expect(all.length).toBe(headings);
      expect(all.length).toBeGreaterThan(5);
      for (const s of all) {
        expect(s.href).toBe(`/${locale}/q/${slug}/suggest?section=${encodeURIComponent(s.id)}`);
        expect(s.label).toBe(l.label(s.text));
      }
      // Each link keeps to its heading's line, and the page never scrolls sideways.
      const link = page.getByRole("link", { name: l.label(all[6].text), exact: true });
      await expect(link).toHaveText(l.edit);
      const [lb, hb] = await Promise.all([link.boundingBox(), page.locator(`[id="${all[6].id}"]`).boundingBox()]);
      expect(lb!.y).toBeGreaterThanOrEqual(hb!.y - 8);
      expect(lb!.y).toBeLessThan(hb!.y + hb!.height);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

      const { violations } = await new AxeBuilder({ page }).include("article").analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

      // Keyboard: the link takes focus and Enter follows it.
      await link.focus();
      await expect(link).toBeFocused();
      await page.keyboard.press("Enter");
      await page.waitForURL(`**/${locale}/q/${slug}/suggest?section=*`);

      const notice = page.getByTestId("section-notice");
      await expect(notice).toContainText(all[6].text);
      await expect(notice).toHaveText(l.notice);
      const body = page.getByLabel(l.body, { exact: true });
      await expect(body).toBeFocused();
      await expect(body).toBeInViewport();
      await expect(notice).toBeInViewport();
      // Not hidden under the sticky site header (two rows tall on a phone).
      await expect
        .poll(async () => {
          const [header, box] = await Promise.all([page.locator("body > header").boundingBox(), notice.boundingBox()]);
          return box!.y - (header!.y + header!.height);
        })
        .toBeGreaterThanOrEqual(-1);
      // The caret sits at the section's heading line, and that line is scrolled into the field's view.
      const at = await body.evaluate((el: HTMLTextAreaElement) => ({
        caret: el.selectionStart,
        end: el.selectionEnd,
        line: el.value.slice(el.selectionStart, el.value.indexOf("\n", el.selectionStart)),
        before: el.value[el.selectionStart - 1],
        scrollTop: el.scrollTop,
      }));
      expect(at.caret).toBe(at.end);
      expect(at.before).toBe("\n");
      expect(at.line.replace(/^#+\s*/, "").replace(/`/g, "")).toBe(all[6].text);
      expect(at.scrollTop).toBeGreaterThan(0);
      // Typing goes in at that section, and the other sections are untouched.
      await page.keyboard.type("Z");
      expect(await body.inputValue()).toContain(`Z${at.line}`);
    });

    test("the top link and a section link open the form in the page's language; the form keeps working from a restored draft", async ({ page }) => {
      await page.goto(`/${locale}/q/${slug}`);
      const all = await sections(page);
      const last = all[all.length - 1];
      await page.getByTestId("suggest-edit-top").click();
      await expect(page.getByRole("tab", { selected: true })).toHaveText(locale === "en" ? /^EN/ : /^UA/);
      await expect(page.getByTestId("section-notice")).toHaveCount(0);
      // A draft that moved the section down: the link still finds it by its heading.
      const body = page.getByLabel(l.body, { exact: true });
      await body.fill(`## Added on top\n\nnew text\n\n${await body.inputValue()}`);
      await page.goto(`/${locale}/q/${slug}/suggest?section=${encodeURIComponent(last.id)}`);
      await expect(page.getByTestId("section-notice")).toContainText(last.text);
      const line = await body.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.value.indexOf("\n", el.selectionStart)));
      expect(line.replace(/^#+\s*/, "").replace(/`/g, "")).toBe(last.text);
      expect(await body.inputValue()).toMatch(/^## Added on top/);
      // An unknown section opens the plain form.
      await page.goto(`/${locale}/q/${slug}/suggest?section=no-such-section`);
      await expect(page.getByLabel(l.body, { exact: true })).toBeVisible();
      await expect(page.getByTestId("section-notice")).toHaveCount(0);
    });
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the links are in the served HTML", async ({ page }) => {
    for (const locale of ["en", "uk"] as const) {
      await page.goto(`/${locale}/q/${slug}`);
      await expect(page.getByTestId("suggest-edit-top")).toHaveAttribute("href", `/${locale}/q/${slug}/suggest`);
      expect(await page.getByTestId("section-edit").count()).toBeGreaterThan(5);
    }
  });
});
