/**
 * Test fixtures for the suggest/moderate tests: two questions with EN and UK revisions, one user
 * per role, and tRPC callers acting as each of them (anonymous included).
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { createCaller } from "../api/root";
import type { Role, SessionUser } from "../api/trpc";
import type { Db } from "../db/client";
import { questionRevisions, questions, user, type Locale } from "../db/schema";

export const FIXTURE = {
  main: {
    slug: "what-is-overlay",
    en: { title: "What is a Docker overlay network?", shortAnswer: "A multi-host network.", body: "## Theory\n\nOverlay spans hosts.\n\n```bash\ndocker network create -d overlay appnet\n```\n" },
    uk: { title: "Що таке overlay-мережа Docker?", shortAnswer: "Мережа між хостами.", body: "## Теорія\n\nOverlay охоплює кілька хостів.\n\n```bash\ndocker network create -d overlay appnet\n```\n" },
  },
  followUp: {
    slug: "overlay-vs-bridge",
    en: { title: "Overlay vs bridge?", shortAnswer: "Bridge is single-host.", body: "Bridge is one host; overlay is many." },
    uk: { title: "Overlay чи bridge?", shortAnswer: "Bridge — один хост.", body: "Bridge — один хост; overlay — багато." },
  },
} as const;

export async function seedFixture(db: Db): Promise<void> {
  for (const [position, q] of [FIXTURE.main, FIXTURE.followUp].entries()) {
    const [row] = await db.insert(questions).values({ slug: q.slug, position }).returning({ id: questions.id });
    for (const locale of ["en", "uk"] as const) {
      await db.insert(questionRevisions).values({
        questionId: row.id,
        locale,
        number: 1,
        ...q[locale],
        authorName: "Overlay Lab",
        source: "seed",
        isPublished: true,
      });
    }
  }
}

export async function published(db: Db, slug: string, locale: Locale) {
  const [row] = await db
    .select({ r: questionRevisions })
    .from(questionRevisions)
    .innerJoin(questions, eq(questions.id, questionRevisions.questionId))
    .where(and(eq(questions.slug, slug), eq(questionRevisions.locale, locale), eq(questionRevisions.isPublished, true)));
  return row.r;
}

let ipCounter = 0;
/** A fresh IP per call, so rate limits of one test never leak into another. */
export const freshIp = () => `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

export async function createUser(db: Db, role: Role, name = `${role} ${randomUUID().slice(0, 6)}`): Promise<SessionUser> {
  const id = randomUUID();
  const email = `${id.slice(0, 8)}@example.test`;
  await db.insert(user).values({ id, name, email, role });
  return { id, email, name, role };
}

export type Who = "anonymous" | Role;
export const EVERYONE: Who[] = ["anonymous", "contributor", "moderator", "admin"];

/** A tRPC caller acting as `who` (a session user built by the test, as createContext would). */
export function callerAs(db: Db, who: SessionUser | null, ip = freshIp()) {
  return createCaller({ db, user: who, ip, headers: new Headers() });
}

export const key = () => randomUUID();

/** An 8×6 PNG carrying an EXIF copyright string that re-encoding must drop. */
export const samplePng = () =>
  sharp({ create: { width: 8, height: 6, channels: 3, background: "#3366ff" } })
    .png()
    .withMetadata({ exif: { IFD0: { Copyright: "SECRET-EXIF-PNG" } } })
    .toBuffer();

export const SCRIPT_SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);

/** PNG magic followed by garbage (and a script): passes a naive signature check, fails a decode. */
export const FAKE_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from("<script>alert(1)</script> garbage garbage garbage"),
]);
