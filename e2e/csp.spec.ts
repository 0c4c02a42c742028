/**
 * Content-Security-Policy on every kind of page, in Chromium on the production build: each page
 * says which scripts may run (a nonce on pages rendered per request, script hashes on the cached
 * public pages), everything the page does itself runs without a single violation, and what an
 * injection would add (an inline handler, an image from another site) is blocked.
 */
import { expect, test, type Page } from "@playwright/test";
import { e2eSql } from "./db";
import { makeModerator, publishTitle, rollbackTo, signUp, type Account } from "./publish";

const A = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`;
const SLUG = "docker-overlay-network";

// Several pages per test, the lab and the quiz starting their workers: more than the default 30 s.
test.describe.configure({ mode: "serial", timeout: 120_000 });

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** Records every CSP violation the page reports, from before its first script runs. */
async function watch(page: Page): Promise<{ violations: () => Promise<Violation[]>; console: string[] }> {
  const console: string[] = [];
  page.on("console", (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: Violation[] = [];
    (window as unknown as { __csp: Violation[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
    );
  });
  return { violations: () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp), console };
}

/** The policy of a response, parsed into directives. */
function directives(policy: string | null): Map<string, string[]> {
  expect(policy, "Content-Security-Policy header").toBeTruthy();
  return new Map(
    policy!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function expectStrict(policy: string | null, kind: "nonce" | "hash") {
  const d = directives(policy);
  const script = d.get("script-src")!;
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  if (kind === "nonce") expect(script.filter((s) => s.startsWith("'nonce-"))).toHaveLength(1);
  else {
    expect(script.some((s) => s.startsWith("'nonce-"))).toBe(false);
    expect(script.filter((s) => s.startsWith("'sha256-")).length).toBeGreaterThan(3);
  }
  expect(d.get("object-src")).toEqual(["'none'"]);
  expect(d.get("base-uri")).toEqual(["'none'"]);
  expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  expect(d.get("img-src")).toEqual(["'self'", "data:", "blob:"]);
  expect(d.get("worker-src")).toContain("'self'");
}

/** Opens `path`, waits for it to be interactive (`ready`), and requires a clean console and no violation. */
async function visit(page: Page, path: string, kind: "nonce" | "hash", ready: (page: Page) => Promise<void>) {
  const w = await watch(page);
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  expectStrict(res!.headers()["content-security-policy"], kind);
  await ready(page);
  await page.waitForLoadState("networkidle");
  expect(await w.violations(), path).toEqual([]);
  expect(w.console, path).toEqual([]);
  return w;
}

let moderator: Account;

test.beforeAll(async () => {
  moderator = await signUp(A, `CSP Moderator ${Date.now().toString(36)}`);
  const sql = e2eSql();
  try {
    await makeModerator(sql, moderator);
  } finally {
    await sql.end();
  }
});

test("the cached public pages run on script hashes, without a violation, EN and UA", async ({ page }) => {
  for (const path of ["/en", "/uk", `/en/q/${SLUG}`, `/uk/q/${SLUG}`]) {
    await visit(page, path, "hash", async (p) => {
      await expect(p.getByRole("heading", { level: 1 })).toBeVisible();
    });
  }
  // Hydrated: the copy button of a code block is React's, and it works.
  await page.goto(`/en/q/${SLUG}`);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  const copy = page.getByRole("button", { name: "Copy", exact: true }).first();
  await copy.click();
  await expect(page.getByRole("button", { name: "Copied", exact: true }).first()).toBeVisible();
});

test("the same page gets the same policy on a cache miss (first view after a publication) and a hit", async () => {
  const before = await fetch(`${A}/en/q/${SLUG}`);
  const html = await before.text();
  expectStrict(before.headers.get("content-security-policy"), "hash");
  // Every script Next wrote carries an integrity hash, and the policy lists exactly those and the inline ones.
  for (const tag of html.match(/<script\b[^>]*\bsrc="[^"]*"[^>]*>/g) ?? []) expect(tag).toMatch(/integrity="sha256-/);
  const contributor = await signUp(A, `CSP Contributor ${Date.now().toString(36)}`);
  const published = await publishTitle(A, { contributor, moderator }, SLUG, "en", `Overlay networks ${Date.now().toString(36)}`);
  const miss = await fetch(`${A}/en/q/${SLUG}`);
  const missHtml = await miss.text();
  expectStrict(miss.headers.get("content-security-policy"), "hash");
  const hit = await fetch(`${A}/en/q/${SLUG}`);
  expect(await hit.text()).toBe(missHtml);
  expect(hit.headers.get("content-security-policy")).toBe(miss.headers.get("content-security-policy"));
  await rollbackTo(A, moderator, SLUG, "en", published.number - 1);
});

test("the lab, a cached public page, runs xterm and its simulator worker on script hashes, EN and UA", async ({ page }) => {
  for (const path of ["/en/lab", "/uk/lab"]) {
    await visit(page, path, "hash", async (p) => {
      const rows = p.locator('[data-testid="pane-node-1"] .xterm-rows');
      await expect(rows).toContainText("node-1$", { timeout: 20_000 });
      // The worker runs under the policy too: a command's output comes from sim-core.
      await p.locator('[data-testid="pane-node-1"] .xterm-helper-textarea').focus();
      await p.keyboard.type("docker swarm init\n");
      await expect(rows).toContainText("Swarm initialized", { timeout: 20_000 });
    });
  }
});

test("the quiz (its checking worker), sign-in and the suggestion form run on a fresh nonce", async ({ page }) => {
  await visit(page, "/uk/quiz?topic=swarm-routing-mesh", "nonce", async (p) => {
    await p.getByTestId("command-input").fill("docker network create -d overlay x");
    await p.getByRole("button", { name: "Запустити й перевірити" }).click();
    await expect(p.getByTestId("feedback")).toBeVisible({ timeout: 15_000 });
  });
  await visit(page, "/en/signin", "nonce", async (p) => {
    await expect(p.getByRole("tab", { name: "Create account" })).toBeVisible();
  });
  await visit(page, `/en/q/${SLUG}/suggest`, "nonce", async (p) => {
    const body = p.getByLabel("Answer (EN)", { exact: true });
    await body.fill(`${await body.inputValue()}\n\nA line to preview under the policy.\n`);
    await p.getByRole("button", { name: "Preview" }).click();
    await expect(p.getByTestId("suggest-preview")).toContainText("A line to preview under the policy.");
  });
  // Each response has its own nonce.
  const [a, b] = await Promise.all([fetch(`${A}/en/signin`), fetch(`${A}/en/signin`)]);
  expect(a.headers.get("content-security-policy")).not.toBe(b.headers.get("content-security-policy"));
});

test("moderation runs on a nonce without a violation", async ({ page }) => {
  const [name, value] = moderator.cookie.split(";")[0].split(/=(.*)/s);
  await page.context().addCookies([{ name, value, url: A }]);
  await visit(page, "/en/moderation", "nonce", async (p) => {
    await expect(p.getByRole("heading", { level: 1 })).toBeVisible();
  });
  await visit(page, "/uk/moderation/history", "nonce", async (p) => {
    await expect(p.getByRole("heading", { level: 1 })).toBeVisible();
  });
});

test("what an injection would add is blocked: an inline handler, an image from another site", async ({ page }) => {
  for (const path of [`/en/q/${SLUG}`, "/en/signin"]) {
    const w = await watch(page);
    await page.goto(path);
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.innerHTML = '<img src="/no-such-image.png" onerror="window.__ran = 1"><img src="http://198.51.100.7/track.png">';
      document.body.append(div);
    });
    await expect.poll(async () => (await w.violations()).map((v) => v.directive).sort(), { message: path }).toEqual([
      "img-src",
      "script-src-attr",
    ]);
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
  }
});
