/**
 * The suggest form as people use it, at phone and desktop widths in EN and UA: the preview never
 * widens the page, errors sit at their fields, and an anonymous contributor finds their suggestion
 * again through its private status link and after signing in.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./db";

const run = Date.now().toString(36);
let slug = "";

test.beforeAll(async () => {
  const sql = e2eSql();
  try {
    const [main] = await sql`select slug from questions where parent_id is null order by position, id limit 1`;
    slug = main.slug as string;
  } finally {
    await sql.end();
  }
});

const L = {
  en: { preview: "Preview", edit: "Edit", send: "Send for review", short: "Short answer (EN)", title: "Title (EN)", body: "Answer (EN)" },
  uk: {
    preview: "Попередній перегляд",
    edit: "Редагування",
    send: "Надіслати на перевірку",
    short: "Коротка відповідь (UA)",
    title: "Заголовок (UA)",
    body: "Відповідь (UA)",
  },
} as const;

async function expectNoSeriousA11yIssues(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The page itself never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, width: number) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

for (const width of [390, 1280]) {
  for (const locale of ["en", "uk"] as const) {
    test.describe(`${locale} at ${width} px`, () => {
      test.use({ viewport: { width, height: 900 } });

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
}
