/**
 * Reads the seed content — the article and its follow-up questions — from `content/questions`:
 * `index.json` lists the questions, and `<slug>/<locale>/{title.txt,short.md,answer.md}` hold the text.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const LOCALES = ["en", "uk"] as const;
export type Locale = (typeof LOCALES)[number];

export interface LocaleText {
  title: string;
  shortAnswer: string;
  body: string;
}

export interface SeedQuestion {
  slug: string;
  parent: string | null;
  position: number;
  locales: Record<Locale, LocaleText>;
}

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by single dashes");
const indexSchema = z
  .array(z.object({ slug, parent: slug.nullable(), position: z.number().int().min(0) }).strict())
  .min(1, "lists no question");

function readText(file: string, what: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new Error(`Seed content: ${file} is missing (${what})`);
  }
  const trimmed = text.replace(/\r\n/g, "\n").trim();
  if (!trimmed) throw new Error(`Seed content: ${file} is empty (${what})`);
  return trimmed;
}

export function loadSeedQuestions(rootDir: string = process.cwd()): SeedQuestion[] {
  const dir = path.join(rootDir, "content", "questions");
  const indexFile = path.join(dir, "index.json");
  let raw: unknown;
  try {
    raw = JSON.parse(readText(indexFile, "the question list"));
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`Seed content: ${indexFile} is not valid JSON: ${error.message}`);
    throw error;
  }
  const parsed = indexSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `[${i.path.join(".")}] ${i.message}`).join("; ");
    throw new Error(`Seed content: ${indexFile}: ${issues}`);
  }

  const slugs = new Set<string>();
  for (const q of parsed.data) {
    if (slugs.has(q.slug)) throw new Error(`Seed content: ${indexFile}: slug "${q.slug}" is listed twice`);
    slugs.add(q.slug);
  }
  for (const q of parsed.data) {
    if (q.parent !== null && !slugs.has(q.parent)) {
      throw new Error(`Seed content: ${indexFile}: "${q.slug}" names parent "${q.parent}", which is not listed`);
    }
  }

  return parsed.data.map((q) => {
    const locales = Object.fromEntries(
      LOCALES.map((locale) => {
        const base = path.join(dir, q.slug, locale);
        const title = readText(path.join(base, "title.txt"), `${locale} title of ${q.slug}`);
        if (title.includes("\n")) throw new Error(`Seed content: ${path.join(base, "title.txt")} must be one line`);
        return [
          locale,
          {
            title,
            shortAnswer: readText(path.join(base, "short.md"), `${locale} short answer of ${q.slug}`),
            body: readText(path.join(base, "answer.md"), `${locale} full answer of ${q.slug}`),
          },
        ];
      }),
    ) as Record<Locale, LocaleText>;
    return { ...q, locales };
  });
}
