import { expect, test } from "@playwright/test";
import { e2eSql } from "./db";

const HOSTILE = [
  "## Hostile content",
  "<script>alert('script')</script>",
  '<img src="x" onerror="alert(\'img\')">',
  "[click me](javascript:alert('link'))",
  '<iframe src="javascript:alert(\'iframe\')"></iframe>',
  '<svg><script>alert("svg")</script><circle onload="alert(\'svg-onload\')" r="5"/></svg>',
  '<a href="#" onclick="alert(\'onclick\')">inline handler</a>',
  "![image](javascript:alert('image'))",
  "Plain text survives.",
].join("\n\n");

test("hostile Markdown in a published revision renders inert", async ({ page }) => {
  const sql = e2eSql();
  const slug = `hostile-${Date.now()}`;
  try {
    const [q] = await sql`insert into questions (slug, position) values (${slug}, 99) returning id`;
    for (const locale of ["en", "uk"]) {
      await sql`insert into question_revisions (question_id, locale, number, title, short_answer, body, author_name, source, is_published)
                values (${q.id}, ${locale}, 1, ${"Hostile <b>title</b>"}, ${'<script>alert("short")</script> short'}, ${HOSTILE}, 'e2e', 'seed', true)`;
    }
  } finally {
    await sql.end();
  }

  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(`/en/q/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hostile <b>title</b>");
  await expect(page.getByText("Plain text survives.")).toBeVisible();
  await page.getByText("click me").click();
  await page.getByText("inline handler").click();
  await page.waitForTimeout(300);

  const markdown = page.locator("[data-markdown]");
  expect(await markdown.locator("script, iframe, svg, [onerror], [onload], [onclick]").count()).toBe(0);
  for (const href of await markdown.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
    expect(href).not.toMatch(/^\s*javascript:/i);
  }
  for (const src of await markdown.locator("img").evaluateAll((is) => is.map((i) => i.getAttribute("src") ?? ""))) {
    expect(src).not.toMatch(/^\s*javascript:/i);
  }
  expect(dialogs).toEqual([]);
});
