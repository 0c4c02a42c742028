import { expect, test } from "@playwright/test";

const MAIN_EN = "What is a Docker overlay network and when do you need it?";
const MAIN_UK = "Що таке overlay-мережа Docker і коли вона потрібна?";

test("home → question → UA → EN keeps the page", async ({ page }) => {
  await page.goto("/en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MAIN_EN);
  await page.getByRole("link", { name: "Read the full answer" }).click();
  await expect(page).toHaveURL(/\/en\/q\/docker-overlay-network$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MAIN_EN);
  await expect(page.getByText("for quick recall")).toBeVisible();

  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "UA" }).click();
  await expect(page).toHaveURL(/\/uk\/q\/docker-overlay-network$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MAIN_UK);
  await expect(page.locator("html")).toHaveAttribute("lang", "uk");
  await expect(page.getByRole("region", { name: /Коротка відповідь/ })).toContainText("Overlay-мережа Docker");

  await page.getByRole("navigation", { name: "Мова" }).getByRole("link", { name: "EN" }).click();
  await expect(page).toHaveURL(/\/en\/q\/docker-overlay-network$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MAIN_EN);
});

test("the full answer renders: sections, highlighted code, the diagram intact", async ({ page }) => {
  await page.goto("/en/q/docker-overlay-network");
  await expect(page.getByRole("heading", { name: "How VXLAN encapsulation works", level: 3 })).toBeVisible();
  await expect(page.locator("pre code.language-bash").first()).toBeVisible();
  const diagram = page.locator("pre code").filter({ hasText: "container A (10.0.0.5) on node-1" });
  await expect(diagram).toContainText("| wraps in UDP/4789|  underlay: 192.168.1.10/.20   |     unwraps      |");
  await expect(diagram).toHaveCSS("white-space", "pre");
  // "Suggest an edit" at the top of the page and after the answer; each section has its own link besides.
  await expect(page.getByTestId("suggest-edit-top")).toHaveAttribute("href", "/en/q/docker-overlay-network/suggest");
  await expect(page.getByTestId("suggest-edit")).toHaveAttribute("href", "/en/q/docker-overlay-network/suggest");
});

test("a follow-up is its own page and links back to the main question", async ({ page }) => {
  await page.goto("/en/q/docker-overlay-network");
  await page.getByRole("region", { name: "Follow-up questions" }).getByRole("link", { name: "What is the difference between overlay and bridge?" }).click();
  await expect(page).toHaveURL(/\/en\/q\/overlay-vs-bridge$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is the difference between overlay and bridge?");
  await page.getByRole("link", { name: MAIN_EN }).click();
  await expect(page).toHaveURL(/\/en\/q\/docker-overlay-network$/);
});

test("copy button copies the code block", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/en/q/docker-overlay-network");
  const block = page.locator("[data-markdown] pre").first();
  await block.getByRole("button", { name: "Copy" }).click();
  await expect(block.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    "# On a Swarm manager\ndocker network create --driver overlay --attachable myoverlay\ndocker service create --name api --network myoverlay myapp",
  );
});

test("unknown question and unknown path answer 404 with a localized page", async ({ page }) => {
  const res = await page.goto("/uk/q/no-such-question");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сторінку не знайдено");
  const res2 = await page.goto("/en/definitely/not/here");
  expect(res2?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

test("/ sends a Ukrainian reader to /uk", async ({ browser }) => {
  const context = await browser.newContext({ locale: "uk-UA", extraHTTPHeaders: { "Accept-Language": "uk-UA,uk;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/uk$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MAIN_UK);
  await context.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the question page is fully readable and the locale switch works", async ({ page }) => {
    await page.goto("/en/q/docker-overlay-network");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(MAIN_EN);
    await expect(page.getByText("VXLAN uses UDP port 4789.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Encrypted overlay across regions" })).toBeVisible();
    await page.getByRole("link", { name: "UA" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(MAIN_UK);
  });
});
