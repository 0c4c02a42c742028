import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eSql } from "./db";

test("a path with a broken %-escape is a 400, never a 500", async ({ request }) => {
  for (const path of ["/en/q/%E0%A4%A", "/api/images/%E0%A4%A", "/%E0%A4%A", "/api/trpc/%E0%A4%A", "/en/%ZZ"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(await res.text()).toContain("broken %-escape");
  }
});

test("a published answer nested too deeply to render is shown as text; the page does not fail", async ({ page }) => {
  const sql = e2eSql();
  const slug = `deep-${Date.now()}`;
  try {
    const [q] = await sql`insert into questions (slug, position) values (${slug}, 98) returning id`;
    for (const locale of ["en", "uk"]) {
      await sql`insert into question_revisions (question_id, locale, number, title, short_answer, body, author_name, source, is_published)
                values (${q.id}, ${locale}, 1, 'Deep quotes', 'short', ${"> ".repeat(3000) + "the end"}, 'e2e', 'seed', true)`;
    }
  } finally {
    await sql.end();
  }
  const res = await page.goto(`/en/q/${slug}`);
  expect(res?.status()).toBe(200);
  await expect(page.locator("p.md-plain")).toContainText("the end");
});

test("anonymous preview of hostile Markdown is refused quickly with a message, and the server keeps answering", async ({ request }) => {
  const started = Date.now();
  const [preview, list] = await Promise.all([
    request.post("/api/trpc/suggestion.preview", { data: { json: { markdown: "**_".repeat(20_000) } } }),
    request.get(`/api/trpc/question.list?input=${encodeURIComponent(JSON.stringify({ json: { locale: "en" } }))}`),
  ]);
  expect(preview.status()).toBe(400);
  expect(await preview.text()).toContain("emphasis markers");
  expect(list.status()).toBe(200);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test("a production server without BETTER_AUTH_SECRET refuses to start, saying why in one line", async () => {
  test.setTimeout(60_000);
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: "",
    PGLITE_DIR: ".data/e2e-no-secret",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.BETTER_AUTH_SECRET;
  const child = spawn("npx", ["next", "start", "-p", "3299", "-H", "127.0.0.1"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      resolve(null);
    }, 45_000);
    child.on("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, output).toBe(1);
  expect(output).toContain(
    "Refusing to start: BETTER_AUTH_SECRET is required in production (at least 32 characters; try: openssl rand -base64 32).",
  );
});
