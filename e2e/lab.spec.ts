import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";

// The lab runs sim-core in the browser in real time (a ping reply a second): give the tests room.
test.setTimeout(120_000);

const pane = (page: Page, node: string) => page.getByTestId(`pane-${node}`);

/** What a pane shows, with xterm's soft wraps joined (tables and tokens wider than the pane). */
async function paneText(page: Page, node: string): Promise<string> {
  return (await pane(page, node).locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}
const flat = (s: string) => s.replace(/\n/g, "");

async function focusPane(page: Page, node: string) {
  await pane(page, node).locator(".xterm-screen").click();
}

/**
 * Types a line at the pane's prompt and waits for it to have run: the line shows once more than before, and after
 * it the pane ends in a bare prompt. Counting prompts would miss one when an early one scrolls away; a bare prompt
 * alone could be the one a restored pane is drawn with before the keys typed meanwhile run.
 */
async function run(page: Page, node: string, line: string, wait = 15_000) {
  await focusPane(page, node);
  const command = `${node}$ ${line}`;
  const count = (text: string) => flat(text).split(command).length - 1;
  const before = count(await paneText(page, node));
  await page.keyboard.type(line, { delay: 2 });
  await page.keyboard.press("Enter");
  await expect.poll(async () => {
    const text = flat(await paneText(page, node));
    return count(text) > before && text.slice(text.lastIndexOf(command) + command.length).trimEnd().endsWith(`${node}$`);
  }, { timeout: wait }).toBe(true);
}

async function openLab(page: Page, locale = "en") {
  await page.goto(`/${locale}/lab`);
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("node-1$", { timeout: 20_000 });
}

/** A fresh lab (the session lives in IndexedDB: a new cluster is one click and a confirm). */
async function freshLab(page: Page, nodes = 3) {
  await openLab(page);
  if (nodes !== 3 || (await paneText(page, "node-1")).includes("docker")) {
    await page.getByTestId("node-count").selectOption(String(nodes));
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "New cluster" }).click();
    await expect.poll(async () => (await paneText(page, "node-1")).trim()).toBe("node-1$");
  }
}

test("a first visit's prompt takes keys before the simulator has loaded; the command runs once it has, and is kept", async ({ page, context }) => {
  const release = await holdWorker(context);
  await page.goto("/en/lab");
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("node-1$", { timeout: 20_000 });
  await focusPane(page, "node-1");
  await page.keyboard.type("docker node ls\n");
  await expect.poll(async () => flat(await paneText(page, "node-1"))).toMatch(/node-1\$ docker node ls\s*$/);
  // Nothing has answered it yet: the cluster is still loading.
  await page.waitForTimeout(500);
  expect(await paneText(page, "node-1")).not.toContain("Error response");
  await release();
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("Error response from daemon: This node is not a swarm manager.", { timeout: 20_000 });
  await expect.poll(async () => (await paneText(page, "node-1")).trimEnd().endsWith("node-1$")).toBe(true);
  const shown = flat(await paneText(page, "node-1")).trim();
  // The saved screen has the line typed before the boot: the next visit draws it (the worker held again) as it was.
  const again = await holdWorker(context);
  await page.reload();
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("This node is not a swarm manager", { timeout: 20_000 });
  expect(flat(await paneText(page, "node-1")).trim()).toBe(shown);
  await again();
});

test("a node count chosen while a first visit's cluster boots is kept, and New cluster makes that many", async ({ page, context }) => {
  const release = await holdWorker(context);
  await page.goto("/en/lab");
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("node-1$", { timeout: 20_000 });
  await page.getByTestId("node-count").selectOption("2");
  // The cluster the page started with (3 nodes) finishes booting: the choice stays.
  await release();
  await expect(page.getByTestId("node-count")).toHaveValue("2");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "New cluster" }).click();
  await expect(pane(page, "node-3")).toHaveCount(0);
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("node-2$");
  await expect(page.getByTestId("node-count")).toHaveValue("2");
});

test("keys typed right after New cluster, while it boots, are kept and run on the new cluster", async ({ page, context }) => {
  // A first visit with the simulator held back: the first cluster and the new one both wait for it.
  const release = await holdWorker(context);
  await page.goto("/en/lab");
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("node-1$", { timeout: 20_000 });
  await page.getByTestId("node-count").selectOption("2");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "New cluster" }).click();
  await expect(pane(page, "node-3")).toHaveCount(0);
  await focusPane(page, "node-1");
  await page.keyboard.type("docker node ls\n");
  await expect.poll(async () => flat(await paneText(page, "node-1"))).toMatch(/^node-1\$ docker node ls\s*$/);
  await release();
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("This node is not a swarm manager", { timeout: 20_000 });
  // The line typed is still there above its output: the new cluster's "ready" did not redraw the pane.
  expect(flat(await paneText(page, "node-1"))).toMatch(/^node-1\$ docker node lsError response from daemon/);
  await expect(pane(page, "node-3")).toHaveCount(0);
});

test("the question page links to the lab, which explains itself and starts a prompt per node", async ({ page }) => {
  await page.goto("/en/q/docker-overlay-network");
  await page.getByTestId("try-lab").click();
  await expect(page).toHaveURL(/\/en\/lab$/);
  await expect(page.getByRole("heading", { level: 1, name: "The lab" })).toBeVisible();
  for (const n of ["node-1", "node-2", "node-3"]) await expect(pane(page, n).locator(".xterm-rows")).toContainText(`${n}$`);
  await expect(page.getByRole("textbox", { name: "Terminal on node-2" })).toHaveCount(1);
  await page.goto("/en");
  await expect(page.getByTestId("nav-lab")).toHaveAttribute("href", "/en/lab");
  await expect(page.getByTestId("home-lab")).toHaveAttribute("href", "/en/lab");
});

test("the lab UI (xterm.js) is among the lab page's own scripts, fetched from the start, and never on a question page", async ({ request }) => {
  /** Whether any script the page's HTML names carries xterm.js (its helper textarea's class is in its source). */
  const carriesXterm = async (path: string) => {
    const html = await (await request.get(path)).text();
    const srcs = [...new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]))];
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) if ((await (await request.get(src)).text()).includes("xterm-helper-textarea")) return true;
    return false;
  };
  // Requested only once another script had run, it arrived hundreds of milliseconds later on a cold load.
  expect(await carriesXterm("/en/lab")).toBe(true);
  expect(await carriesXterm("/en/q/docker-overlay-network")).toBe(false);
});

for (const path of ["/en/lab", "/uk/q/docker-overlay-network", "/en/quiz", "/en"]) {
  test(`${path} prefetches none of the routes rendered per request (lab, quiz, exercises, suggestion form)`, async ({ page }) => {
    const prefetched: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (r.headers()["rsc"] === "1" || url.searchParams.has("_rsc")) prefetched.push(url.pathname + url.search.replace(/[?&]_rsc=[^&]*/, ""));
    });
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    expect(prefetched.filter((p) => /\/(lab|quiz|exercises)(\/|\?|$)|\/suggest(\?|$)/.test(p))).toEqual([]);
  });
}

test("the lab's links still go where they say without a prefetch", async ({ page }) => {
  await openLab(page);
  await page.getByTestId("lab-exercises").click();
  await expect(page).toHaveURL(/\/en\/exercises$/);
  await page.getByTestId("nav-quiz").click();
  await expect(page).toHaveURL(/\/en\/quiz$/);
});

test("the lab page explains itself without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/en/lab");
  await expect(page.getByRole("heading", { level: 1, name: "The lab" })).toBeVisible();
  await expect(page.locator("noscript p")).toContainText("need JavaScript");
  await expect(page.locator("noscript p")).toBeVisible();
  await expect(page.getByText("Ctrl-R to search")).toBeVisible();
  await context.close();
});

test("the two-node example across two panes, Ctrl-C, Tab completion, paste, reload, undo and a share link", async ({ page, browser, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await freshLab(page);

  await run(page, "node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = /SWMTKN-1-[a-z0-9]+-[a-z0-9]+/.exec(flat(await paneText(page, "node-1")))![0];
  await run(page, "node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("This node joined a swarm as a worker.");
  await run(page, "node-1", "docker network create -d overlay --attachable appnet");
  await focusPane(page, "node-1");
  await page.keyboard.type("docker service create --name web --replicas 2 --network appnet nginx");
  await page.keyboard.press("Enter");
  await page.getByTestId("fast-forward").click();
  await expect.poll(async () => flat(await paneText(page, "node-1")), { timeout: 20_000 }).toMatch(/verify: Service \w+ converged/);
  await run(page, "node-1", "docker service ps web --format '{{.Name}} {{.Node}}'");
  const ps = await paneText(page, "node-1");
  expect(ps).toMatch(/web\.1 node-\d/);
  expect(ps).toContain("node-1");
  expect(ps).toContain("node-2");

  // From a container on node-2, the service by name across hosts.
  await run(page, "node-2", "docker run -d --name probe --network appnet alpine sleep 1d");
  await run(page, "node-2", "docker exec probe ping -c 2 web");
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("2 packets transmitted, 2 packets received");

  // Ctrl-C a ping.
  await focusPane(page, "node-2");
  await page.keyboard.type("docker exec probe ping web");
  await page.keyboard.press("Enter");
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("seq=1", { timeout: 10_000 });
  await page.keyboard.press("Control+C");
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("^C");
  await expect.poll(async () => (await paneText(page, "node-2")).trimEnd().endsWith("node-2$")).toBe(true);
  expect(await paneText(page, "node-2")).toContain("--- web ping statistics ---");

  // Tab completes a service name. Once something is typed, ID prefixes are candidates too: the prefix typed is
  // one the service's (random) ID does not start with, so "web" is the one candidate.
  const serviceId = /appnet nginx([a-z0-9]{25})/.exec(flat(await paneText(page, "node-1")))![1];
  const typed = ["w", "we"].find((p) => !serviceId.startsWith(p)) ?? "web";
  await focusPane(page, "node-1");
  await page.keyboard.type(`docker service inspect --format '{{.Spec.Name}}' ${typed}`);
  await page.keyboard.press("Tab");
  await expect.poll(async () => flat(await paneText(page, "node-1"))).toContain("--format '{{.Spec.Name}}' web ");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await paneText(page, "node-1")).trimEnd().endsWith("node-1$")).toBe(true);

  // Paste three lines: they run one after another.
  await page.evaluate(() => navigator.clipboard.writeText("docker network ls --filter name=appnet --format '{{.Name}}'\ndocker node ls --format '{{.Hostname}}'\ndocker service ls --format '{{.Name}} {{.Replicas}}'\n"));
  await focusPane(page, "node-1");
  await page.keyboard.press("Control+Shift+V");
  await expect.poll(async () => paneText(page, "node-1"), { timeout: 15_000 }).toContain("web 2/2");
  const afterPaste = await paneText(page, "node-1");
  expect(afterPaste).toContain("appnet\n");
  expect(afterPaste).toMatch(/node-1\nnode-2\n/);

  // Reload: the session comes back identical.
  const before = { n1: await paneText(page, "node-1"), n2: await paneText(page, "node-2") };
  await page.reload();
  await expect(page.getByTestId("lab-status")).toContainText("Session restored", { timeout: 20_000 });
  await expect.poll(async () => paneText(page, "node-1")).toBe(before.n1);
  expect(await paneText(page, "node-2")).toBe(before.n2);

  // Share link in a fresh context: the commands are shown first, then replayed to the same transcript.
  await page.getByTestId("share").click();
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/en\/lab#s=[\w-]+$/);
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await expect(fresh.getByTestId("shared-preview")).toContainText(`node-2$ docker swarm join --token ${token} 192.168.1.10:2377`);
  await fresh.getByTestId("replay-shared").click();
  await expect.poll(async () => paneText(fresh, "node-1"), { timeout: 20_000 }).toBe(before.n1);
  expect(await paneText(fresh, "node-2")).toBe(before.n2);
  await other.close();

  // Undo the last command (the pasted service ls).
  await page.getByTestId("undo").click();
  await expect.poll(async () => paneText(page, "node-1")).not.toContain("web 2/2");
  expect(await paneText(page, "node-1")).toMatch(/node-1\nnode-2\n/);
});

const WORKER_SCRIPT = /turbopack-worker-[\w-]+\.js/;

/**
 * Holds back the simulator's worker script for the context's next loads; the returned function lets it
 * through, waits for the worker to be ready, and removes the hold.
 */
async function holdWorker(context: BrowserContext): Promise<() => Promise<void>> {
  let letThrough!: () => void;
  const held = new Promise<void>((r) => (letThrough = r));
  const pages = context.pages();
  await context.route(WORKER_SCRIPT, async (route) => {
    await held;
    await route.continue();
  });
  return async () => {
    letThrough();
    for (const page of pages) await page.waitForFunction(() => performance.getEntriesByName("lab:worker-ready").length > 0, undefined, { timeout: 20_000 });
    await context.unroute(WORKER_SCRIPT);
  };
}

test("a returning visit draws the saved panes before the simulator has loaded, and runs what was typed meanwhile", async ({ page, context }) => {
  await freshLab(page);
  await run(page, "node-1", "docker network ls");
  const before = await paneText(page, "node-1");
  expect(before).toContain("NETWORK ID");

  // The simulator's worker arrives late: the page must not wait for it to show the terminal.
  const release = await holdWorker(context);
  await page.reload();
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("NETWORK ID", { timeout: 20_000 });
  expect(flat(await paneText(page, "node-1"))).toContain(flat(before).trim());
  await focusPane(page, "node-1");
  await page.keyboard.type("docker node ls", { delay: 2 });
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  expect(await paneText(page, "node-1")).not.toContain("This node is not a swarm manager");

  await release();
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("This node is not a swarm manager", { timeout: 20_000 });
});

test("a restored pane's terminal is set up once: xterm writes its stylesheet once on the way to the prompt", async ({ page, context }) => {
  await freshLab(page);
  await run(page, "node-1", "docker network ls");
  // Counts, in every document, the writes of node-1's theme stylesheet (xterm's rules for the 256 colours):
  // each costs a stylesheet of some 800 rules and a font measurement before the first prompt.
  await context.addInitScript(() => {
    const w = window as unknown as { __themeWrites: number };
    w.__themeWrites = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        const style = r.target instanceof HTMLStyleElement ? r.target : null;
        if (style?.closest('[data-testid="pane-node-1"]') && style.textContent?.includes("xterm-fg-255")) w.__themeWrites++;
      }
    }).observe(document, { subtree: true, childList: true });
  });
  // The worker held back: what is measured is the pane drawn from the saved session, before any replay.
  const release = await holdWorker(context);
  await page.reload();
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("NETWORK ID", { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __themeWrites: number }).__themeWrites)).toBe(1);
  await release();
});

test("tcpdump -w, then download in the pane, gives a pcap tshark decodes as VXLAN", async ({ page }) => {
  await freshLab(page, 2);
  await run(page, "node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = /SWMTKN-1-[a-z0-9]+-[a-z0-9]+/.exec(flat(await paneText(page, "node-1")))![0];
  await run(page, "node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run(page, "node-1", "docker network create -d overlay --attachable net");
  await run(page, "node-1", "docker run -d --name web --network net nginx");
  await run(page, "node-2", "docker run -d --name client --network net alpine sleep 1d");
  await focusPane(page, "node-2");
  await page.keyboard.type("tcpdump -i eth0 -w f.pcap udp port 4789");
  await page.keyboard.press("Enter");
  await run(page, "node-1", "docker exec web curl -s http://client");
  await focusPane(page, "node-2");
  await page.keyboard.press("Control+C");
  await expect.poll(async () => (await paneText(page, "node-2")).trimEnd().endsWith("node-2$")).toBe(true);

  const download = page.waitForEvent("download");
  await run(page, "node-2", "download f.pcap");
  const file = path.join(os.tmpdir(), `lab-${Date.now()}.pcap`);
  await (await download).saveAs(file);
  expect(await paneText(page, "node-2")).toMatch(/Downloaded f\.pcap \(\d+ bytes\)/);
  const decoded = execFileSync("tshark", ["-r", file, "-d", "udp.port==4789,vxlan", "-T", "fields", "-e", "vxlan.vni", "-e", "ip.src"], { encoding: "utf8" });
  expect(decoded).toMatch(/^4097\t192\.168\.1\.\d+,10\.0\.1\.\d+$/m);
  fs.rmSync(file);

  // The pane header offers the same file, and a capture button records eth0 until stopped.
  await expect(page.getByTestId("download-node-2-f.pcap")).toBeVisible();
  await page.getByTestId("capture-node-1").click();
  await run(page, "node-2", "docker exec client ping -c 1 web");
  const captured = page.waitForEvent("download");
  await page.getByTestId("capture-node-1").click();
  expect((await captured).suggestedFilename()).toBe("node-1-eth0.pcap");
});

test("Run in lab types an article block into the right panes with the real token", async ({ page }) => {
  await freshLab(page);
  await page.goto("/en/q/docker-overlay-network");
  // A heading sits in its section head (with its edit link); the section's blocks follow that head.
  const link = page.locator('.section-head:has(h3:has-text("Setting up a two-node Swarm")) ~ .run-in-lab a').first();
  await link.click();
  await expect(page).toHaveURL(/\/en\/lab$/);
  await expect(page.getByTestId("lab-source")).toContainText("Setting up a two-node Swarm with overlay");
  await expect(page.getByTestId("lab-source").getByRole("link")).toHaveAttribute("href", /\/en\/q\/docker-overlay-network#setting-up-a-two-node-swarm-with-overlay$/);
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("This node joined a swarm as a worker.", { timeout: 30_000 });
  // The block ends with the service spread over both nodes (the panes only show their last screen).
  await expect.poll(async () => flat(await paneText(page, "node-1")), { timeout: 60_000 }).toMatch(/node-1\$ docker service ps api.*api\.2 .*node-2.*node-1\$\s*$/);
});

test("Run in lab fits a block to the cluster: a swarm is started for a block that needs one, a new cluster offered to one that starts one", async ({ page }) => {
  await freshLab(page);
  await page.goto("/en/q/docker-overlay-network");
  await page.locator('.section-head:has(h3:has-text("Encrypted overlay across regions")) ~ .run-in-lab a').first().click();
  await expect.poll(async () => flat(await paneText(page, "node-1")), { timeout: 60_000 }).toMatch(/^node-1\$ docker swarm init.*now a manager.*docker network create --driver overlay --opt encrypted --subnet 10\.5\.0\.0\/16 secure-net[a-z0-9]{25}node-1\$ docker service create --name api/);
  await expect(page.getByTestId("stop-typing")).toHaveCount(0, { timeout: 60_000 });
  expect(await paneText(page, "node-1")).not.toContain("not a swarm manager");

  // This cluster has a swarm now: a block that starts one is offered a new cluster, and runs there.
  await page.goto("/en/q/docker-overlay-network");
  const offered = page.waitForEvent("dialog");
  await page.locator('.section-head:has(h3:has-text("Setting up a two-node Swarm")) ~ .run-in-lab a').first().click();
  const dialog = await offered;
  expect(dialog.message()).toContain("already has one");
  await dialog.accept();
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("This node joined a swarm as a worker.", { timeout: 30_000 });
  expect(await paneText(page, "node-1")).not.toContain("secure-net");
});

test("Run in lab runs a block meant for inside a container in one, after making the network and service it takes for granted (UA)", async ({ page }) => {
  // The service-discovery block: "Service "api" has 5 replicas… Inside any container on appnet: $ nslookup api".
  const runBlock = async () => {
    await page.goto("/uk/q/docker-overlay-network");
    await page.locator('.section-head:has(h3:has-text("Виявлення сервісів в overlay")) ~ .run-in-lab a').first().click();
    await expect(page).toHaveURL(/\/uk\/lab/);
  };
  /** The whole of node-1's pane, scrolled-off lines included, as "Export transcript" saves it. */
  const transcript = async () => {
    const saved = page.waitForEvent("download");
    await page.getByRole("button", { name: "Експортувати стенограму" }).click();
    return fs.readFileSync((await (await saved).path())!, "utf8");
  };
  await runBlock();
  await expect.poll(async () => flat(await paneText(page, "node-1")), { timeout: 90_000 }).toMatch(/alpine nslookup api.*Server:\s*127\.0\.0\.11.*Name:\s*api\s*Address: 10\.0\.\d+\.\d+/);
  await expect(page.getByTestId("stop-typing")).toHaveCount(0, { timeout: 60_000 });
  const first = await transcript();
  expect(first).toMatch(
    /docker swarm init[\s\S]*docker network create --driver overlay --attachable appnet[\s\S]*docker service create --name api --network appnet --replicas 5 traefik\/whoami[\s\S]*docker run --rm --network appnet alpine nslookup api/,
  );
  expect(first).not.toContain("command not found");

  // Run again in this cluster, it makes nothing twice: only the lookup is typed.
  await runBlock();
  await expect.poll(async () => ((await transcript()).match(/alpine nslookup api/g) ?? []).length, { timeout: 60_000 }).toBe(2);
  await expect(page.getByTestId("stop-typing")).toHaveCount(0, { timeout: 60_000 });
  const second = await transcript();
  expect(second.match(/docker network create/g)).toHaveLength(1);
  expect(second.match(/docker service create/g)).toHaveLength(1);
});

test("Stop ends Run in lab and the command it started; a new cluster ends it too", async ({ page }) => {
  await freshLab(page);
  await page.goto("/en/q/docker-overlay-network");
  // The quick example ends with a ping that runs until it is stopped.
  await page.locator('.section-head:has(h3:has-text("Quick example")) ~ .run-in-lab a').first().click();
  await expect.poll(async () => flat(await paneText(page, "node-1")), { timeout: 90_000 }).toMatch(/ping api.*bytes from/);
  await page.getByTestId("stop-typing").click();
  await expect.poll(async () => flat(await paneText(page, "node-1"))).toMatch(/\^C--- api ping statistics ---.*node-1\$\s*$/);
  await expect(page.getByTestId("stop-typing")).toHaveCount(0);
  await expect(page.getByTestId("lab-status")).not.toContainText("Typing");

  await freshLab(page);
  await page.goto("/en/q/docker-overlay-network");
  await page.locator('.section-head:has(h3:has-text("Setting up a two-node Swarm")) ~ .run-in-lab a').first().click();
  await expect(pane(page, "node-2").locator(".xterm-rows")).toContainText("This node joined a swarm as a worker.", { timeout: 30_000 });
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "New cluster" }).click();
  await expect.poll(async () => (await paneText(page, "node-1")).trim()).toBe("node-1$");
  await expect(page.getByTestId("stop-typing")).toHaveCount(0);
  // Nothing more is typed into the new cluster.
  await page.waitForTimeout(2_000);
  expect((await paneText(page, "node-1")).trim()).toBe("node-1$");
  expect((await paneText(page, "node-2")).trim()).toBe("node-2$");
});

test("two tabs of the lab: a command in one tells the other that the session changed there", async ({ page, context }) => {
  await freshLab(page);
  const other = await context.newPage();
  await openLab(other);
  await run(page, "node-1", "docker network ls");
  await expect(other.getByTestId("lab-status")).toContainText("changed in another tab");
  await other.close();
});

test("a malformed share link is refused with a message and runs nothing", async ({ page }) => {
  await page.goto("/en/lab#s=AAAA");
  await expect(page.getByTestId("lab-status")).toContainText("damaged or was not made by Overlay Lab");
  await expect(page.getByTestId("shared-preview")).toHaveCount(0);
  // With a session saved, the message stays once the session is restored; a link pasted into the open lab's
  // address bar (only the fragment changes) is read too.
  await run(page, "node-1", "docker network ls");
  await page.evaluate(() => (window.location.hash = "s=AAAB"));
  // The page loads again on it: as long as opening the lab may take on a busy machine.
  await expect(page.getByTestId("lab-status")).toContainText("damaged or was not made by Overlay Lab", { timeout: 20_000 });
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("docker network ls");
  await page.waitForTimeout(1_500);
  await expect(page.getByTestId("lab-status")).toContainText("damaged or was not made by Overlay Lab");
});

test("the lab in UA", async ({ page }) => {
  await openLab(page, "uk");
  await expect(page.getByRole("heading", { level: 1, name: "Лабораторія" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Скасувати останню команду" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Термінал на node-1" })).toHaveCount(1);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 780 }, hasTouch: true, isMobile: true });
  test("one pane at a time behind tabs, and the key row sends Tab and the history keys", async ({ page }) => {
    await freshLab(page);
    // The key row stays on screen, at its bottom, below a terminal taller than what is left of it.
    await expect(page.getByRole("group", { name: "Terminal keys" })).toBeInViewport({ ratio: 1 });
    // What stops or speeds up a command leads the toolbar that scrolls sideways.
    await expect(page.getByTestId("fast-forward")).toBeInViewport({ ratio: 1 });
    await expect(pane(page, "node-1")).toBeVisible();
    await expect(pane(page, "node-2")).toBeHidden();
    await page.getByRole("tab", { name: "node-2" }).click();
    await expect(pane(page, "node-2")).toBeVisible();
    await expect(pane(page, "node-1")).toBeHidden();
    await run(page, "node-2", "docker swarm leave");
    await page.getByRole("button", { name: "History up" }).click();
    await expect.poll(async () => flat(await paneText(page, "node-2"))).toMatch(/node-2\$ docker swarm leave\s*$/);
    await page.getByRole("button", { name: "Ctrl-C" }).click();
    await focusPane(page, "node-2");
    await page.keyboard.type("docker swa");
    await page.getByRole("button", { name: "Tab", exact: true }).click();
    await expect.poll(async () => flat(await paneText(page, "node-2"))).toMatch(/node-2\$ docker swarm\s*$/);
    await page.screenshot({ path: test.info().outputPath("phone.png") });
  });

  test("output that grows past the key row scrolls the page: the prompt stays above the keys", async ({ page }) => {
    await freshLab(page);
    // Tapped once, then typed at: each listing pushes the prompt further down the pane, to its last row, which
    // the page (scrolled as the tap left it) shows under the key row.
    await focusPane(page, "node-1");
    for (let i = 1; i <= 6; i++) {
      const before = await paneText(page, "node-1");
      await page.keyboard.type("docker network ls\n");
      // Run: the screen moved on and ends in a bare prompt (the first listings scroll out of the pane's rows).
      await expect.poll(async () => {
        const text = await paneText(page, "node-1");
        return text !== before && text.trimEnd().endsWith("node-1$");
      }).toBe(true);
    }
    await page.keyboard.type("echo");
    const keys = page.getByRole("group", { name: "Terminal keys" });
    await expect(keys).toBeInViewport({ ratio: 1 });
    // xterm keeps its textarea on the cursor's cell.
    const cursor = pane(page, "node-1").locator(".xterm-helper-textarea");
    const clearance = async () => {
      const [c, k] = [(await cursor.boundingBox())!, (await keys.boundingBox())!];
      return k.y - (c.y + c.height);
    };
    await expect.poll(clearance).toBeGreaterThanOrEqual(0);
    await expect(cursor).toBeInViewport();
  });

  for (const locale of ["en", "uk"]) {
    test(`the terminal starts on the first screen, and the header keeps Sign in on its row (${locale})`, async ({ page }) => {
      await openLab(page, locale);
      // Measured in the page's own fonts (the prompt can be drawn before they have loaded).
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      // The toolbar is one row that scrolls sideways rather than four rows above the terminal.
      const terminal = await pane(page, "node-1").locator(".xterm-screen").boundingBox();
      expect(terminal!.y).toBeLessThan(780 - 220);
      const toolbar = page.getByRole("toolbar");
      expect((await toolbar.boundingBox())!.height).toBeLessThan(60);
      await page.getByTestId("export").scrollIntoViewIfNeeded();
      await expect(page.getByTestId("export")).toBeInViewport();
      // Lab, Quiz, the languages and Sign in share a row.
      const signIn = page.getByRole("banner").getByRole("link", { name: locale === "uk" ? "Увійти" : "Sign in" });
      await expect(signIn).toBeVisible({ timeout: 15_000 });
      const lab = await page.getByTestId("nav-lab").boundingBox();
      const account = await signIn.boundingBox();
      expect(Math.abs(account!.y - lab!.y)).toBeLessThan(10);
    });
  }
});

test("a middle click pastes the text last selected in a pane", async ({ page }) => {
  await freshLab(page);
  await run(page, "node-1", "hostname");
  const screen = pane(page, "node-1").locator(".xterm-screen");
  const box = (await screen.boundingBox())!;
  // Double-click selects the word under the pointer: the second row holds hostname's output, node-1.
  const row = (await pane(page, "node-1").locator(".xterm-rows > div").nth(1).boundingBox())!;
  await page.mouse.dblclick(box.x + 12, row.y + row.height / 2);
  const target = pane(page, "node-2").locator(".xterm-screen");
  const tb = (await target.boundingBox())!;
  await page.mouse.click(tb.x + 40, tb.y + 40, { button: "middle" });
  await expect.poll(async () => flat(await paneText(page, "node-2"))).toMatch(/node-2\$ node-1\s*$/);
});

test("the prompt as a bash user expects: emoji keep the lines above, Ctrl-C drops keys typed ahead, output left mid-line stays, clear clears", async ({ page }) => {
  await freshLab(page, 1);
  await run(page, "node-1", "echo line-A");
  // Emoji take two cells in the pane as in the line editor: moving over them does not redraw over the output above.
  await focusPane(page, "node-1");
  await page.keyboard.type(`echo ${"🚀".repeat(30)}`);
  for (const key of ["Home", "End", "Home", "End"]) await page.keyboard.press(key);
  await page.keyboard.press("Control+U");
  await expect.poll(async () => paneText(page, "node-1")).toMatch(/^node-1\$ echo line-A\nline-A\nnode-1\$\s*$/);

  await run(page, "node-1", "echo -n hello");
  expect(await paneText(page, "node-1")).toMatch(/\nhello\s*\nnode-1\$\s*$/);

  await focusPane(page, "node-1");
  await page.keyboard.type("sleep 20\n");
  await page.keyboard.type("echo SHOULD-NOT-RUN\n");
  await page.keyboard.press("Control+C");
  await expect.poll(async () => paneText(page, "node-1")).toMatch(/sleep 20\n\^C\s*\nnode-1\$\s*$/);
  await page.waitForTimeout(500);
  expect(await paneText(page, "node-1")).not.toContain("SHOULD-NOT-RUN");

  await page.keyboard.type("clear\n");
  await expect.poll(async () => (await paneText(page, "node-1")).trim()).toBe("node-1$");
});

test("screen-reader mode hears each typed character, not the prompt again, and is kept after a reload", async ({ page }) => {
  await freshLab(page, 1);
  await page.getByTestId("screen-reader").check();
  await focusPane(page, "node-1");
  await page.keyboard.type("docker", { delay: 30 });
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("node-1$ docker");
  // xterm's live region says what was written: the characters, not "node-1$ d", "node-1$ do", …
  const spoken = await pane(page, "node-1").locator(".live-region").textContent();
  expect(spoken ?? "").not.toContain("node-1$");
  await page.reload();
  await expect(page.getByTestId("screen-reader")).toBeChecked();
});

test("keyboard only: Esc then Tab leaves the terminal for the next control", async ({ page }) => {
  await openLab(page);
  await focusPane(page, "node-1");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(pane(page, "node-1").locator("textarea")).not.toBeFocused();
  await expect(page.getByRole("textbox", { name: "Terminal on node-1" })).not.toBeFocused();
  // Shift-Tab leaves backwards: the Shift pressed first does not undo the Esc.
  await focusPane(page, "node-2");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("textbox", { name: "Terminal on node-2" })).not.toBeFocused();
  // Tab from node-1's terminal reaches node-2's buttons, which keep the focus.
  await focusPane(page, "node-1");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("capture-node-2")).toBeFocused();
});

for (const colorScheme of ["light", "dark"] as const) test(`the lab page has no serious or critical accessibility violations (${colorScheme})`, async ({ page }) => {
  await page.emulateMedia({ colorScheme });
  await openLab(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
});

test("a reload while a command runs keeps it: the replies so far, then its ^C, and the prompt", async ({ page }) => {
  await freshLab(page, 2);
  await focusPane(page, "node-1");
  await page.keyboard.type("docker run --rm alpine ping 192.168.1.20\n", { delay: 2 });
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("seq=2", { timeout: 20_000 });
  // The page saves what a reload would replay about once a second while the command runs.
  await page.waitForTimeout(1500);
  await page.reload();
  await expect.poll(async () => paneText(page, "node-1"), { timeout: 20_000 }).toMatch(/alpine ping 192\.168\.1\.20\n(?:.*\n)*64 bytes from 192\.168\.1\.20: seq=2 .*\n(?:.*\n)*\^C\s*\n--- 192\.168\.1\.20 ping statistics ---\n/);
  await expect.poll(async () => paneText(page, "node-1")).toMatch(/\nnode-1\$\s*$/);
  await expect(page.getByTestId("lab-status")).toContainText("1 command replayed");
});

test("a key's echo is drawn in the task that handles it, not at xterm's next animation frame", async ({ page }) => {
  await freshLab(page, 1);
  await focusPane(page, "node-1");
  // The rows as they are right after the input event, before any frame: xterm's render debouncer was flushed.
  const drawn = await page.evaluate(() => {
    const input = document.querySelector('[data-testid="pane-node-1"] textarea')!;
    input.dispatchEvent(new InputEvent("input", { data: "q", inputType: "insertText" }));
    return document.querySelector('[data-testid="pane-node-1"] .xterm-rows')!.textContent;
  });
  expect(drawn).toContain("node-1$ q");
  // And the terminal goes on as before: the line runs.
  await page.keyboard.type("uit-not-a-command\n");
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("bash: quit-not-a-command: command not found");
});
