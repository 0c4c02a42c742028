/**
 * Every section, code-block command, port and follow-up question of the page the product was created
 * from (content/seed/…txt, kept verbatim) must be in the seeded content, in both locales.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSeedQuestions, LOCALES, type SeedQuestion } from "./load";

const root = path.join(import.meta.dirname, "../../..");
const seedText = fs.readFileSync(path.join(root, "content/seed/overlay-network-suggest-edit-page.txt"), "utf8");
const questions = loadSeedQuestions(root);
const main = questions.find((q) => q.parent === null)!;
const followUps = questions.filter((q) => q.parent === main.slug).sort((a, b) => a.position - b.position);

/** Section headings of the seed answer, and their Ukrainian titles. */
const HEADINGS: Record<string, string> = {
  Theory: "Теорія",
  "TL;DR": "Коротко",
  "Quick example": "Швидкий приклад",
  "How VXLAN encapsulation works": "Як працює інкапсуляція VXLAN",
  "Service discovery on overlay": "Виявлення сервісів в overlay",
  "Encrypted overlays": "Зашифровані overlay-мережі",
  "When you need overlay": "Коли overlay потрібна",
  "When you do NOT need overlay": "Коли overlay НЕ потрібна",
  "Common mistakes": "Типові помилки",
  "Real-world usage": "Використання на практиці",
  "Follow-up questions": "Додаткові запитання",
  Examples: "Приклади",
  "Setting up a two-node Swarm with overlay": "Налаштування Swarm із двох вузлів з overlay",
  "Encrypted overlay across regions": "Зашифрована overlay-мережа між регіонами",
};

/** Every docker command in the seed's code blocks (the seed flattened them onto single lines). */
const COMMANDS = [
  "docker network create --driver overlay --attachable myoverlay",
  "docker service create --name api --network myoverlay myapp",
  "docker swarm init --advertise-addr 192.168.1.10",
  "docker swarm join --token SWMTKN-... 192.168.1.10:2377",
  "docker network create --driver overlay --attachable appnet",
  "docker service create --name api --network appnet --replicas 5 myapp",
  "docker exec <api-container> ping api",
  "docker network create --driver overlay --opt encrypted my-secure-net",
  "docker network create --driver overlay test",
  "docker run --network myoverlay",
  "docker network create --driver overlay myoverlay",
  "docker node ls",
  "docker service create --name api --replicas 4 --network appnet myapp",
  "docker service ps api",
  "docker network create --driver overlay --opt encrypted --subnet 10.5.0.0/16 secure-net",
  "docker service create --name api --replicas 6 --network secure-net myapp",
];
const PORTS = ["2377", "7946", "4789"];

/** Joins `\` line continuations (the seed flattened them to "\ ") and folds whitespace. */
const squash = (s: string) => s.replace(/\s*\\\s+/g, " ").replace(/\s+/g, " ").trim();
const seedCode = [...seedText.matchAll(/```bash(.*?)```/gs)].map((m) => squash(m[1]));
/** Code blocks of a Markdown text, line continuations joined and whitespace folded. */
const codeBlocks = (md: string) => [...md.matchAll(/```[a-z]*\n(.*?)```/gs)].map((m) => squash(m[1]));
const allCode = (q: SeedQuestion, locale: (typeof LOCALES)[number]) =>
  [...codeBlocks(q.locales[locale].shortAnswer), ...codeBlocks(q.locales[locale].body)].join("\n");
const headingsOf = (md: string) => [...md.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1].trim());
const seedFollowUps = [...seedText.matchAll(/\*\*Q:\*\* (.*?) \*\*A:\*\*/g)].map((m) => m[1]);
const plain = (q: string) => q.replace("(Senior) ", "").replaceAll("`", "");

describe("the lists this test checks against are the seed's own", () => {
  it("names every heading of the seed, and nothing else", () => {
    const seedHeadings = [...seedText.matchAll(/#{2,3} /g)].length;
    expect(Object.keys(HEADINGS)).toHaveLength(seedHeadings);
    for (const h of Object.keys(HEADINGS)) expect(seedText).toMatch(new RegExp(`#{2,3} ${h.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} `));
  });

  it("names every docker command of every seed code block", () => {
    for (const block of seedCode) {
      for (const m of block.matchAll(/docker /g)) {
        const rest = block.slice(m.index);
        expect(COMMANDS.some((c) => rest.startsWith(c)), `seed command at: ${rest.slice(0, 60)}`).toBe(true);
      }
    }
    // The backticked `docker run --network myoverlay` sits in a comment; all others are real commands.
    for (const c of COMMANDS) expect(squash(seedText)).toContain(c);
  });

  it("finds the five follow-up questions and the three ports", () => {
    expect(seedFollowUps).toHaveLength(5);
    for (const p of PORTS) expect(seedText).toContain(p);
  });
});

describe.each(LOCALES)("seeded content in %s", (locale) => {
  const body = main.locales[locale].body;

  it("has every section heading", () => {
    const expected = Object.entries(HEADINGS).map(([en, uk]) => (locale === "en" ? en : uk));
    expect(headingsOf(body)).toEqual(expected);
  });

  it("has every command of the seed's code blocks, verbatim, in code", () => {
    const code = allCode(main, locale);
    for (const c of COMMANDS) expect(code, c).toContain(c);
  });

  it("names the ports 2377, 7946 and 4789", () => {
    for (const p of PORTS) expect(body).toContain(p);
  });

  it("has each follow-up question as its own question, linked from the main answer", () => {
    expect(followUps).toHaveLength(seedFollowUps.length);
    followUps.forEach((q, i) => {
      if (locale === "en") expect(q.locales.en.title).toBe(plain(seedFollowUps[i]));
      expect(q.locales[locale].title.length).toBeGreaterThan(10);
      expect(body).toContain(`](/${locale}/q/${q.slug})`);
    });
  });
});

describe("the Ukrainian translation", () => {
  it.each(questions.map((q) => [q.slug, q] as const))("of %s is translated, its code kept", (_slug, q) => {
    const en = q.locales.en;
    const uk = q.locales.uk;
    expect(uk.title).not.toBe(en.title);
    expect(uk.body).not.toBe(en.body);
    expect(uk.title).toMatch(/[а-яіїєґ]/i);
    // Per line, continuations joined: comments may be translated, commands may not.
    const commands = (md: string) =>
      [...md.matchAll(/```[a-z]*\n(.*?)```/gs)]
        .flatMap((m) => m[1].replace(/\\\n\s*/g, " ").split("\n"))
        .filter((line) => !line.trimStart().startsWith("#"))
        .flatMap((line) => [...line.matchAll(/docker [^#]*/g)].map((c) => c[0].trim()));
    expect(commands(uk.body)).toEqual(commands(en.body));
    expect(commands(uk.shortAnswer)).toEqual(commands(en.shortAnswer));
  });

  // The VXLAN diagram is a drawing: translated, kept aligned (uk-parity.test.ts).
});

describe("loadSeedQuestions on broken content", () => {
  function contentDir(files: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "overlay-content-"));
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, "content/questions", name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    return dir;
  }
  const good = (slug: string) =>
    Object.fromEntries(
      LOCALES.flatMap((l) => [
        [`${slug}/${l}/title.txt`, "T"],
        [`${slug}/${l}/short.md`, "S"],
        [`${slug}/${l}/answer.md`, "A"],
      ]),
    );

  it("loads a minimal valid tree", () => {
    const dir = contentDir({ "index.json": '[{"slug":"a","parent":null,"position":0}]', ...good("a") });
    expect(loadSeedQuestions(dir)).toEqual([
      { slug: "a", parent: null, position: 0, locales: { en: { title: "T", shortAnswer: "S", body: "A" }, uk: { title: "T", shortAnswer: "S", body: "A" } } },
    ]);
  });

  it("names the missing locale file", () => {
    const files = good("a");
    delete files["a/uk/answer.md"];
    const dir = contentDir({ "index.json": '[{"slug":"a","parent":null,"position":0}]', ...files });
    expect(() => loadSeedQuestions(dir)).toThrowError(/a\/uk\/answer\.md is missing \(uk full answer of a\)/);
  });

  it("rejects a bad slug, an unknown parent and a duplicate", () => {
    const bad = (index: string) => () => loadSeedQuestions(contentDir({ "index.json": index, ...good("a") }));
    expect(bad('[{"slug":"Bad Slug","parent":null,"position":0}]')).toThrowError(/index\.json: \[0\.slug\] must be lowercase/);
    expect(bad('[{"slug":"a","parent":"zzz","position":0}]')).toThrowError(/"a" names parent "zzz", which is not listed/);
    expect(bad('[{"slug":"a","parent":null,"position":0},{"slug":"a","parent":null,"position":1}]')).toThrowError(/"a" is listed twice/);
    expect(bad("{not json")).toThrowError(/index\.json is not valid JSON/);
  });
});
