/** Helpers of the service-worker specs (offline.spec.ts, and found.spec.ts's offline drafts). */
import { expect, type Page } from "@playwright/test";

/** Waits until the service worker controls the page. */
export async function controlled(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === "activated", null, { timeout: 60_000 });
}
/** Whether the service worker's caches hold `path`. */
export const cached = (page: Page, path: string) => page.evaluate(async (p) => Boolean(await caches.match(new URL(p, location.origin).toString())), path);

/** Types a line at node-1's prompt and waits for `expected` in its pane. */
export async function runInLab(page: Page, line: string, expected: string) {
  const rows = page.getByTestId("pane-node-1").locator(".xterm-rows");
  await expect(rows).toContainText("node-1$", { timeout: 30_000 });
  await page.getByTestId("pane-node-1").locator(".xterm-screen").click();
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press("Enter");
  await expect(rows).toContainText(expected, { timeout: 20_000 });
}
