/**
 * The service worker: after one visit the lab and the pages read work with the network off; it registers only
 * once the page has had its own time; sign-in says it needs a connection; a new deploy installs beside an open
 * lab. None of them writes to the database, so they run in the lab's lane, beside the suites that share the
 * moderation queue (a suggestion typed offline, which does, stays in found.spec.ts).
 */
import { expect, test } from "@playwright/test";
import { published, slugs } from "./content";
import { cached, controlled, runInLab } from "./offline";

test.describe("offline", () => {
  test.setTimeout(120_000);

  test("after one visit the lab and a question page load and work with the network off", async ({ page, context }) => {
    const { main } = await slugs();
    await page.goto("/en/lab");
    await expect(page.getByTestId("pane-node-1").locator(".xterm-rows")).toContainText("node-1$", { timeout: 30_000 });
    await controlled(page);
    // Where static routing is missing, navigations start their request while the worker starts (navigation preload).
    expect(await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.navigationPreload.getState()))).toMatchObject({ enabled: true });
    await page.goto(`/uk/q/${main}`);
    // Here a navigation races the network against the worker's handler, and online the network answers: the page's
    // request does not wait for the worker to start. Offline (below) the handler answers from the cache.
    expect(
      await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming & { workerMatchedSourceType?: string; workerFinalSourceType?: string };
        return [nav.workerMatchedSourceType, nav.workerFinalSourceType];
      }),
    ).toEqual(["race-network-and-fetch-handler", "network"]);
    // The build's files come from the cache by the browser's static routing, not through the worker's handler.
    const sources = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((r) => new URL(r.name).pathname.startsWith("/_next/static/"))
        .map((r) => (r as PerformanceResourceTiming & { workerMatchedSourceType?: string }).workerMatchedSourceType),
    );
    expect(sources.length).toBeGreaterThan(3);
    expect(new Set(sources)).toEqual(new Set(["cache"]));
    // A file missing from the cache still loads, from the network (then it is put back for the offline part).
    expect(
      await page.evaluate(async () => {
        const cache = await caches.open((await caches.keys()).find((n) => n.startsWith("overlay-static-"))!);
        const file = (await cache.keys()).find((r) => r.url.endsWith(".js"))!;
        await cache.delete(file);
        const r = await fetch(file.url);
        await cache.put(file, r.clone());
        return r.status;
      }),
    ).toBe(200);
    await expect.poll(() => cached(page, `/uk/q/${main}`), { timeout: 20_000 }).toBe(true);
    expect(await cached(page, "/en/lab")).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText((await published(main, "uk")).title);
    // A page never opened says plainly that it needs a connection (so the network is really off).
    await page.goto("/en/moderation");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
    await page.goto("/en/lab");
    await page.reload();
    await runInLab(page, "docker swarm init --advertise-addr 192.168.1.10", "Swarm initialized: current node");
    await page.screenshot({ path: test.info().outputPath("offline-lab.png") });
  });

  test("the worker registers only once the page has had its own time: seconds after load, when idle", async ({ page }) => {
    // When register() is called, against the page's load event (timers never fire early: no race with the lab).
    await page.addInitScript(() => {
      const sw = navigator.serviceWorker;
      const register = sw.register.bind(sw);
      sw.register = (...args: Parameters<typeof register>) => {
        (window as { __registeredAt?: number }).__registeredAt = performance.now();
        return register(...args);
      };
    });
    await page.goto("/en/lab");
    await controlled(page);
    const { registeredAt, loaded } = await page.evaluate(() => ({
      registeredAt: (window as { __registeredAt?: number }).__registeredAt ?? -1,
      loaded: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
    }));
    expect(registeredAt - loaded).toBeGreaterThanOrEqual(3_000);
  });

  test("sign-in says it needs a connection when offline", async ({ page, context }) => {
    await page.goto("/uk/signin");
    await controlled(page);
    await context.setOffline(true);
    await expect(page.getByTestId("signin-offline")).toHaveText(
      "Немає з’єднання. Щоб увійти чи створити обліковий запис, потрібне з’єднання; спробуйте ще раз, щойно воно відновиться.",
    );
    await page.getByLabel("Електронна пошта").fill("someone@example.test");
    await page.getByLabel("Пароль").fill("a-password-123");
    await page.locator("form").getByRole("button").last().click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Немає з’єднання: щоб увійти, потрібне з’єднання.");
    await context.setOffline(false);
    await expect(page.getByTestId("signin-offline")).toHaveCount(0);
  });

  test("a new version installs beside an open lab, which keeps working until the reader reloads", async ({ page }) => {
    await page.goto("/en/lab");
    await controlled(page);
    // A new deploy, as the browser sees it: a different service worker script. (A new build changes the
    // bytes of /sw.js; a test cannot rebuild, so it registers the script under another address, which the
    // browser also installs as a new version.)
    await page.evaluate(() => navigator.serviceWorker.register("/sw.js?next-deploy", { scope: "/" }));
    await expect(page.getByTestId("sw-update")).toContainText("A new version of Overlay Lab is ready.", { timeout: 30_000 });
    // The open lab is untouched: it still runs commands on the files it started with.
    await runInLab(page, "docker node ls", "This node is not a swarm manager.");
    const reloaded = page.waitForEvent("load");
    await page.getByTestId("sw-update").getByRole("button", { name: "Reload" }).click();
    await reloaded;
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js\?next-deploy$/);
    await runInLab(page, "docker swarm init", "Swarm initialized");
  });
});
