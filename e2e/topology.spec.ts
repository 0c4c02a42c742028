import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// The lab runs sim-core in real time (a ping reply a second): give the tests room.
test.setTimeout(180_000);

const pane = (page: Page, node: string) => page.getByTestId(`pane-${node}`);
const topo = (page: Page) => page.getByTestId("topology");

async function paneText(page: Page, node: string): Promise<string> {
  return (await pane(page, node).locator(".xterm-rows").innerText()).replace(/\u00a0/g, " ");
}
const flat = (s: string) => s.replace(/\n/g, "");

/** Types a line at the pane's prompt and waits for the prompt to come back. */
async function run(page: Page, node: string, line: string, wait = 20_000) {
  await pane(page, node).locator(".xterm-screen").click();
  await page.keyboard.type(line, { delay: 2 });
  const typed = await paneText(page, node);
  await page.keyboard.press("Enter");
  // Done when the pane has moved on and its last line is a bare prompt again (earlier prompts may scroll away).
  const lastLine = (text: string) => text.split("\n").map((l) => l.trimEnd()).filter(Boolean).at(-1);
  await expect.poll(async () => {
    const text = await paneText(page, node);
    return text !== typed && lastLine(text) === `${node}$`;
  }, { timeout: wait }).toBe(true);
}

async function freshLab(page: Page, nodes: number, locale = "en") {
  await page.goto(`/${locale}/lab`);
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("node-1$", { timeout: 20_000 });
  await page.getByTestId("node-count").selectOption(String(nodes));
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("toolbar-new-cluster").or(page.getByRole("button", { name: locale === "en" ? "New cluster" : "Новий кластер" })).first().click();
  await expect.poll(async () => (await paneText(page, "node-1")).trim()).toBe("node-1$");
}

/** The two-node example of the article: a swarm, an attachable overlay, a service spread over both nodes. */
async function twoNodeExample(page: Page) {
  await run(page, "node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = /SWMTKN-1-[a-z0-9]+-[a-z0-9]+/.exec(flat(await paneText(page, "node-1")))![0];
  await run(page, "node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run(page, "node-1", "docker network create -d overlay --attachable appnet");
  await run(page, "node-1", "docker service create -d --name web --replicas 2 --network appnet nginx");
  await run(page, "node-1", "docker run -dit --name debug --network appnet alpine");
  await run(page, "node-2", "docker run -dit --name far --network appnet alpine");
}

const webTasksOn = (page: Page, host: string) => topo(page).locator(`[data-testid^="topo-endpoint-web."][data-host="${host}"]`);

test("the two-node example: hosts, the overlay lane, tasks on their hosts, a ping through VXLAN hop by hop, a firewall drop, a drain", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await freshLab(page, 2);
  await twoNodeExample(page);

  // Both hosts with their underlay address and role; the overlay lane with subnet and VNI across both.
  await expect(topo(page).getByTestId("topo-host-node-1")).toContainText("192.168.1.10");
  await expect(topo(page).getByTestId("topo-host-node-1")).toContainText("leader");
  await expect(topo(page).getByTestId("topo-host-node-2")).toContainText("192.168.1.20");
  await expect(topo(page).getByTestId("topo-host-node-2")).toContainText("worker");
  const lane = topo(page).getByTestId("topo-lane-appnet");
  await expect(lane).toContainText("10.0.1.0/24");
  await expect(lane).toContainText("VNI 4097");
  await expect(lane.locator("circle")).toHaveCount(2);
  await expect(topo(page).getByTestId("topo-lane-ingress")).toContainText("VNI 4096");
  await expect(webTasksOn(page, "node-1")).toHaveCount(1);
  await expect(webTasksOn(page, "node-2")).toHaveCount(1);
  await expect(topo(page).getByTestId("topo-endpoint-debug")).toHaveAttribute("data-host", "node-1");

  // Focus shows the details: IDs, MACs, addresses.
  await topo(page).getByTestId("topo-endpoint-far").focus();
  await expect(page.getByTestId("topology-details")).toContainText("far");
  await expect(page.getByTestId("topology-details")).toContainText(/02:42:0a:00:01:[0-9a-f]{2}/);
  await page.screenshot({ path: "test-results/topology-en-1280.png", fullPage: true });

  // A ping across hosts: the animation goes over the underlay in VXLAN and reaches node-2.
  await run(page, "node-1", "docker exec debug ping -c 1 far");
  await expect(page.getByTestId("path-summary")).toContainText("crossed the underlay in VXLAN, VNI 4097");
  await expect(page.getByTestId("topo-packet")).toHaveAttribute("data-host", "node-2", { timeout: 15_000 });
  await expect(page.getByTestId("packet-list")).toContainText("VXLAN/ICMP");

  // Pointing at a container lights up its name and address in the pane's last output ("PING far (10.0.1.x)",
  // "64 bytes from 10.0.1.x"); pointing at a host that output never names lights nothing.
  await topo(page).getByTestId("topo-endpoint-far").hover();
  const lit = pane(page, "node-1").locator("[data-highlights]");
  await expect(lit).toHaveAttribute("data-highlights", /^[3-9]$|^\d{2,}$/);
  await page.screenshot({ path: "test-results/topology-highlight-en-1280.png" });
  await topo(page).getByTestId("topo-host-node-2").focus();
  await expect(lit).toHaveAttribute("data-highlights", "0");

  // Step to the VXLAN hop and read the headers: VNI 4097, UDP 4789, with their bytes.
  const encap = page.getByTestId("packet-path").getByRole("button", { name: /node-1: VXLAN encapsulation/ }).first();
  await encap.click();
  await expect(page.getByTestId("path-caption")).toContainText("outer 192.168.1.10 → 192.168.1.20, UDP 4789, VNI 4097");
  const vxlan = page.getByTestId("layer-outer-VXLAN");
  await expect(vxlan.getByRole("row", { name: /^VNI/ })).toContainText("4097");
  await expect(vxlan.getByRole("row", { name: /^VNI/ })).toContainText("00 10 01");
  await expect(page.getByTestId("layer-outer-UDP").getByRole("row", { name: /Destination port/ })).toContainText("4789 (VXLAN)");
  await expect(page.getByTestId("layer-outer-UDP").getByRole("row", { name: /Destination port/ })).toContainText("12 b5");
  await expect(page.getByTestId("layer-inner-ICMP")).toContainText("Echo (ping) request");
  await expect(page.getByTestId("path-caption")).toBeVisible();
  await page.getByTestId("path-next").click();
  await expect(page.getByTestId("path-caption")).toContainText("underlay: 192.168.1.10 → 192.168.1.20");
  // The panel alone: a full-page capture lays the page out at its whole height for a moment, which leaves xterm's
  // viewport scrolled up, so the pane would no longer show the output of the commands that follow.
  await page.getByTestId("packet-path").screenshot({ path: "test-results/topology-path-en-1280.png" });

  // The packet list downloads as a pcap.
  const download = page.waitForEvent("download");
  await page.getByTestId("packets-pcap").click();
  const file = fs.readFileSync((await (await download).path())!);
  expect(file.subarray(0, 4).toString("hex")).toBe("d4c3b2a1");
  expect(file.length).toBeGreaterThan(24 + 16 + 100);

  // A TCP exchange of eleven packets lists its hops under each packet, named as the packet list names it. The path
  // holds the hop looked at until Play follows the traffic again.
  await page.getByTestId("path-play").click();
  await run(page, "node-1", "docker exec debug wget -qO- http://web");
  const get = page.locator('[data-testid^="path-packet-"]', { hasText: "GET / HTTP/1.1" });
  await expect(get).toContainText(/^Packet \d+ of 1[12]: \d+ → 80 \[P\.\] .*GET \/ HTTP\/1\.1/);
  await expect(page.locator('[data-testid^="path-packet-"]', { hasText: "[S]" }).first()).toBeVisible();
  await get.getByRole("button").first().click();
  await expect(page.getByTestId("path-packet")).toContainText("GET / HTTP/1.1");

  // Block VXLAN on node-2: the rule shows on the host, and the next ping dies there, naming the rule.
  await run(page, "node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP");
  await expect(topo(page).getByTestId("topo-drop-node-2")).toContainText("INPUT -p udp -m udp --dport 4789");
  await topo(page).getByTestId("topo-host-node-2").focus();
  await expect(page.getByTestId("topology-details")).toContainText("-A INPUT -p udp -m udp --dport 4789 -j DROP");
  await page.getByTestId("path-play").click();
  await pane(page, "node-1").locator(".xterm-screen").click();
  await page.keyboard.type("docker exec debug ping -c 1 -W 1 far", { delay: 2 });
  await page.keyboard.press("Enter");
  await expect(pane(page, "node-1").locator(".xterm-rows")).toContainText("100% packet loss", { timeout: 20_000 });
  await expect(page.getByTestId("path-summary")).toContainText("dropped on node-2");
  await expect(page.getByTestId("path-caption")).toContainText("node-2: dropped by INPUT rule 1: -A INPUT -p udp -m udp --dport 4789 -j DROP", { timeout: 15_000 });
  await expect(page.getByTestId("topo-packet")).toHaveAttribute("data-action", "drop");
  await expect(page.getByTestId("topo-packet")).toHaveAttribute("data-host", "node-2");

  // Drain node-2: its task moves to node-1.
  await run(page, "node-1", "docker node update --availability drain node-2");
  await expect(webTasksOn(page, "node-2")).toHaveCount(0);
  await expect(webTasksOn(page, "node-1")).toHaveCount(2);
  await expect(topo(page).getByTestId("topo-host-node-2")).toContainText("drained");
});

test("same-host traffic shows no VXLAN, and the embedded DNS answers from 127.0.0.11", async ({ page }) => {
  await freshLab(page, 2);
  await run(page, "node-1", "docker swarm init --advertise-addr 192.168.1.10");
  await run(page, "node-1", "docker network create -d overlay --attachable appnet");
  await run(page, "node-1", "docker run -dit --name one --network appnet alpine");
  await run(page, "node-1", "docker run -dit --name two --network appnet alpine");
  await run(page, "node-1", "docker exec one nslookup two");
  await expect(page.getByTestId("path-summary")).toContainText("answered by the embedded DNS at 127.0.0.11");
  await run(page, "node-1", "docker exec one ping -c 1 two");
  await expect(page.getByTestId("path-summary")).toContainText("stayed on one host: no VXLAN");
  await expect(page.getByTestId("packet-path").getByRole("button", { name: /switched by the host's bridge: same host, no VXLAN/ })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });

  test("the topology is a list that can be collapsed, and the page does not scroll sideways", async ({ page }) => {
    await freshLab(page, 2);
    await run(page, "node-1", "docker swarm init --advertise-addr 192.168.1.10");
    await run(page, "node-1", "docker network create -d overlay --attachable appnet");
    const list = page.getByTestId("topology-list");
    await expect(list).toBeVisible();
    await expect(list.getByTestId("topo-list-host-node-1")).toContainText("192.168.1.10");
    await expect(list).toContainText("appnet");
    await expect(list).toContainText("VNI 4097");
    await page.getByTestId("topology").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/topology-en-390.png", fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
    await page.getByTestId("topology-toggle").click();
    await expect(list).toBeHidden();
    await page.getByTestId("topology-toggle").click();
    await page.getByTestId("topology-view-diagram").click();
    await expect(page.getByTestId("topology-svg")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
  });
});

test("in Ukrainian, with a packet's headers open, the topology passes an accessibility scan", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await freshLab(page, 2, "uk");
  await twoNodeExample(page);
  await run(page, "node-1", "docker exec debug ping -c 1 far");
  await expect(page.getByTestId("path-summary")).toContainText("VNI 4097");
  await page.getByTestId("path-hop-3").click();
  await expect(page.getByTestId("path-headers")).toBeVisible();
  await page.screenshot({ path: "test-results/topology-uk-1280.png", fullPage: true });
  for (const view of ["diagram", "list"]) {
    await page.getByTestId(`topology-view-${view}`).click();
    const results = await new AxeBuilder({ page }).include('[data-testid="topology"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${view} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByTestId("topology").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/topology-uk-390.png", fullPage: true });
});
