import { expect, test, type Page } from "@playwright/test";

// Exercises run the lab in real time (a ping reply a second): give the tests room.
test.setTimeout(180_000);

const pane = (page: Page, node: string) => page.getByTestId(`pane-${node}`);
const paneText = async (page: Page, node: string) => (await pane(page, node).locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");

/** Types a line at a pane's prompt and waits for the prompt to come back (the pane may have scrolled meanwhile). */
async function run(page: Page, node: string, line: string, wait = 20_000) {
  await pane(page, node).locator(".xterm-screen").click();
  await page.keyboard.type(line, { delay: 2 });
  const typed = (await paneText(page, node)).replace(/\n/g, "");
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => {
      const now = (await paneText(page, node)).replace(/\n/g, "").trimEnd();
      return now !== typed.trimEnd() && now.endsWith(`${node}$`);
    }, { timeout: wait })
    .toBe(true);
}

/** Opens an exercise from its start state (a previous run's session is reset first). */
async function openExercise(page: Page, locale: string, slug: string) {
  await page.goto(`/${locale}/exercises/${slug}`);
  // xterm draws only while it is on screen: on a phone the steps push the terminal below the fold.
  await pane(page, "node-1").scrollIntoViewIfNeeded();
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("node-1$", { timeout: 20_000 });
  await expect(page.getByTestId("step-panel")).toBeVisible();
  if ((await paneText(page, "node-1")).trim() !== "node-1$") {
    page.once("dialog", (d) => void d.accept());
    await page.getByTestId("reset-exercise").click();
    await expect.poll(async () => (await paneText(page, "node-1")).trim()).toBe("node-1$");
  }
}

const step = (page: Page, id: string) => page.getByTestId(`step-${id}`);

test("exercise 1 done by typing in two panes, another way than the reference, and kept across a reload (EN)", async ({ page }) => {
  await page.goto("/en");
  await page.getByTestId("home-exercises").click();
  // The first request renders the index (the article headings it links to are read then).
  await expect(page).toHaveURL(/\/en\/exercises$/, { timeout: 30_000 });
  await page.getByRole("link", { name: "Two-node swarm with an overlay" }).click();
  await expect(page).toHaveURL(/\/en\/exercises\/two-node-overlay$/);
  await openExercise(page, "en", "two-node-overlay");
  await expect(page.getByTestId("current-goal")).toContainText("node-2 has joined it as a worker");
  // Each pane has its name (formatted by the server for the exercise's page too).
  await expect(page.getByRole("textbox", { name: "Terminal on node-2" })).toHaveCount(1);

  await run(page, "node-1", "docker swarm init");
  const token = /(SWMTKN-1-[a-z0-9-]+) 192\.168\.1\.10:2377/.exec((await paneText(page, "node-1")).replace(/\n/g, ""))![1];
  await run(page, "node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await expect(step(page, "swarm")).toHaveAttribute("data-state", "done");

  await run(page, "node-1", "docker network create --driver=overlay --attachable backbone");
  await expect(step(page, "overlay")).toHaveAttribute("data-state", "done");
  // One replica first: the fail check explains at once why it cannot spread.
  await run(page, "node-1", "docker service create --network=backbone --name=api nginx:alpine");
  await expect(page.getByTestId("fail-check")).toContainText("single replica");
  await run(page, "node-1", "docker service scale api=3");
  await expect(page.getByTestId("fail-check")).toHaveCount(0);
  await expect(step(page, "spread")).toHaveAttribute("data-state", "done");

  await run(page, "node-2", "docker run -d --network backbone --name probe busybox sleep 1d");
  await run(page, "node-2", "docker exec probe ping -c 3 api");
  await expect(step(page, "ping")).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("check-result")).toContainText("Exercise complete");

  // A reload replays the session on the start state: the same panes, the same ticks.
  await page.reload();
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("ping statistics", { timeout: 30_000 });
  for (const id of ["swarm", "overlay", "spread", "ping"]) await expect(step(page, id)).toHaveAttribute("data-state", "done");

  await page.getByTestId("exercises-index").click();
  await expect(page.getByTestId("exercise-two-node-overlay").getByTestId("exercise-state")).toHaveText("Done");
});

test("exercise 7 in Ukrainian: a wrong turn explained, Check, a hint, then the fix", async ({ page }) => {
  await openExercise(page, "uk", "vxlan-firewall");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Брандмауер блокує VXLAN");
  await expect(page.getByRole("textbox", { name: "Термінал на node-2" })).toHaveCount(1);

  await run(page, "node-2", "iptables -I INPUT 1 -p tcp --dport 4789 -j ACCEPT");
  await expect(page.getByTestId("fail-check")).toContainText("не ті двері");

  await page.getByTestId("check").click();
  await expect(page.getByTestId("check-result")).toContainText("Очікується:");
  await expect(page.getByTestId("check-result")).toContainText("Знайдено:");

  await page.getByTestId("hint").click();
  await expect(page.getByTestId("hints").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("hint")).toHaveText("Підказка 1 з 3");

  await run(page, "node-1", "docker exec client ping -c 4 web");
  await expect(step(page, "reproduce")).toHaveAttribute("data-state", "done");
  await run(page, "node-2", "iptables -F INPUT");
  await expect(step(page, "fix")).toHaveAttribute("data-state", "done");
  await expect(page.getByTestId("fail-check")).toHaveCount(0);
  await run(page, "node-1", "docker exec client ping -c 2 web");
  await expect(step(page, "prove")).toHaveAttribute("data-state", "done");

  await page.reload();
  await expect(step(page, "fix")).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await page.goto("/uk/exercises");
  await expect(page.getByTestId("exercise-vxlan-firewall").getByTestId("exercise-state")).toHaveText("Розпочато");
});

test("show solution asks first, is recorded, and the index says the exercise was done with it", async ({ page }) => {
  await openExercise(page, "en", "single-host");
  page.once("dialog", (d) => void d.dismiss());
  await page.getByTestId("show-solution").click();
  await expect(page.getByTestId("solution")).toHaveCount(0);

  page.once("dialog", (d) => {
    expect(d.message()).toContain("records that you saw it");
    void d.accept();
  });
  await page.getByTestId("show-solution").click();
  await expect(page.getByTestId("solution")).toContainText("docker network create appnet");

  await run(page, "node-1", "docker network create appnet");
  await run(page, "node-1", "docker run -d --name web --network appnet nginx");
  await run(page, "node-1", "docker run -d --name client --network appnet busybox sleep 3600");
  await run(page, "node-1", "docker exec client ping -c 1 web");
  await expect(page.getByTestId("check-result")).toContainText("Exercise complete");

  await page.goto("/en/exercises");
  await expect(page.getByTestId("exercise-single-host").getByTestId("exercise-state")).toHaveText("Done (solution shown)");
  await page.reload();
  await expect(page.getByTestId("exercise-single-host").getByTestId("exercise-state")).toHaveText("Done (solution shown)");
});

test("the lab and every question page link to the exercises, and a practised section to its exercise and back", async ({ page }) => {
  await page.goto("/en/lab");
  await expect(page.getByTestId("lab-exercises")).toHaveAttribute("href", "/en/exercises");
  await page.goto("/uk/q/overlay-on-single-host");
  await expect(page.getByTestId("question-exercises")).toHaveAttribute("href", "/uk/exercises");
  const link = page.getByTestId("section-exercise").first();
  await expect(link).toHaveAttribute("href", "/uk/exercises/single-host");
  await link.click();
  await page.getByTestId("exercise-section").click();
  await expect(page).toHaveURL(/\/uk\/q\/overlay-on-single-host#/);
});

test("exercise pages at 390 px: the steps above the terminal, nothing wider than the screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExercise(page, "en", "vxlan-firewall");
  const panel = await page.getByTestId("step-panel").boundingBox();
  const term = await pane(page, "node-1").boundingBox();
  expect(panel!.y).toBeLessThan(term!.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
