import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp } from "../mail/test-smtp";
// Before anything reads the environment: the moderation router mails through this server.
const smtp = await startTestSmtp();
process.env.SMTP_URL = smtp.url;
process.env.MAIL_FROM = "Overlay Lab <no-reply@overlay.test>";

import { getAuth } from "../auth";
import { smtpMailer } from "../mail/mailer";
import { suggestions, user, type Locale } from "../db/schema";
import type { TestDb } from "../db/testing";
import { testDrivers } from "../db/testing";
import type { SessionUser } from "../api/trpc";
import { composeDecisionMail, composeVerifyMail, sendDecisionMail } from "./decision-mail";
import { callerAs, createUser, FIXTURE, key, published, seedFixture } from "./moderation-testing";

const drivers = await testDrivers();
afterAll(() => smtp.close());

/** A received message as a reader sees it: headers unfolded and decoded (RFC 2047), body decoded. */
function decoded(data: string): string {
  const split = data.indexOf("\n\n");
  const head = data
    .slice(0, split)
    .replace(/\n[ \t]+/g, " ")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, "%$1"), "latin1").toString().replace(/%([0-9A-F]{2})/gi, (x, h: string) => String.fromCharCode(parseInt(h, 16))),
    );
  const raw = data.slice(split + 2);
  const body = /^Content-Transfer-Encoding: base64$/im.test(head)
    ? Buffer.from(raw.replace(/\s+/g, ""), "base64").toString("utf8")
    : /^Content-Transfer-Encoding: quoted-printable$/im.test(head)
      ? Buffer.from(raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, "%$1"), "latin1").toString().replace(/(%[0-9A-F]{2})+/gi, (m) => decodeURIComponent(m))
      : raw;
  return `${head}\n\n${body}`;
}

describe("decision emails (composed)", () => {
  const facts = { id: 7, locale: "en" as Locale, name: "Olena", title: "Overlay vs bridge?", slug: "overlay-vs-bridge", reason: null };

  it("say what happened, with links to the suggestion and the question", () => {
    const mail = composeDecisionMail({ ...facts, outcome: "approved" }, "olena@example.test", "https://overlay.example/");
    expect(mail.subject).toBe("Your suggestion #7 was approved");
    expect(mail.text).toBe(
      "Hello Olena,\n\nyour suggested edit #7 to “Overlay vs bridge?” (EN) was approved and is published now.\n\n" +
        "Your suggestion and what the moderator decided: https://overlay.example/en/suggestion/7\n" +
        "The question: https://overlay.example/en/q/overlay-vs-bridge\n\n—\n" +
        "You get this email because you suggested an edit on Overlay Lab with this account. The same news waits for you in the app.\n",
    );
    expect(composeDecisionMail({ ...facts, outcome: "edited" }, "o@x.test", "https://o.example").subject).toBe(
      "Your suggestion #7 was published with a moderator’s edits",
    );
  });

  it("give a rejection's reason and the way to revise, in the suggestion's language", () => {
    const mail = composeDecisionMail(
      { ...facts, locale: "uk", title: "Overlay чи bridge?", outcome: "rejected", reason: { code: "inaccurate", text: "Bridge — один хост." } },
      "o@x.test",
      "https://o.example",
    );
    expect(mail.subject).toBe("Вашу пропозицію №7 не прийнято");
    expect(mail.text).toContain("Вашу пропозицію №7 до «Overlay чи bridge?» (UA) не прийнято.\nПричина: Технічно неточно — Bridge — один хост.");
    expect(mail.text).toContain("https://o.example/uk/account/suggestions");
    expect(composeVerifyMail("uk", "o@x.test", "Olena", "https://o.example/api/auth/verify-email?token=t").text).toContain(
      "https://o.example/api/auth/verify-email?token=t",
    );
  });
});

describe.each(drivers)("decision emails on $driver", ({ available, create }) => {
  let t: TestDb;
  let mod: SessionUser;
  let verified: SessionUser;
  let unverified: SessionUser;
  beforeAll(async () => {
    if (!available) return;
    t = await create({ seed: false });
    await seedFixture(t.db);
    mod = await createUser(t.db, "moderator", "Mia Moderator");
    verified = await createUser(t.db, "contributor", "Olena");
    await t.db.update(user).set({ emailVerified: true }).where(eq(user.id, verified.id));
    unverified = await createUser(t.db, "contributor", "Petro");
  });
  afterAll(async () => t?.close());

  const slug = FIXTURE.followUp.slug;
  async function suggest(who: SessionUser | null, title: string, locale: Locale = "en") {
    const base = (await published(t.db, slug, locale)).id;
    return (await callerAs(t.db, who).suggestion.submit({ questionSlug: slug, locale, baseRevisionId: base, changes: { title }, clientKey: key() })).suggestion.id;
  }

  it.skipIf(!available)("reach a verified author once per decision, when the moderator acts", async () => {
    const id = await suggest(verified, "Overlay, or bridge?");
    const before = smtp.received.length;
    await callerAs(t.db, mod).moderation.reject({ id, reasonCode: "unclear", reasonText: "Say which one." });
    const mail = await smtp.waitFor(before + 1);
    expect(mail.to).toEqual([verified.email]);
    const text = decoded(mail.data);
    expect(text).toMatch(/^From: Overlay Lab <no-reply@overlay\.test>$/m);
    expect(text).toMatch(/^Subject: Your suggestion #\d+ was not accepted$/m);
    expect(text).toContain(`your suggestion #${id} to “Overlay vs bridge?” (EN) was not accepted.\nReason: Makes the answer less clear — Say which one.`);
    expect(text).toContain(`/en/suggestion/${id}`);
    const [row] = await t.db.select().from(suggestions).where(eq(suggestions.id, id));
    expect(row.authorEmailedAt).toBeInstanceOf(Date);
    // Never twice for one suggestion, whoever asks again.
    expect(await sendDecisionMail(t.db, id, { baseUrl: "https://o.example", mailer: smtpMailer(smtp.url, "x@o.example") })).toBe("already-sent");
  });

  it.skipIf(!available)("skip authors without a confirmed address, anonymous ones, and undecided suggestions", async () => {
    const mailer = smtpMailer(smtp.url, "x@o.example");
    const a = await suggest(unverified, "Unverified idea");
    const b = await suggest(null, "Anonymous idea");
    const c = await suggest(verified, "Still pending");
    await callerAs(t.db, mod).moderation.approve({ id: a });
    await callerAs(t.db, mod).moderation.reject({ id: b, reasonCode: "spam" });
    expect(await sendDecisionMail(t.db, a, { baseUrl: "https://o.example", mailer })).toBe("no-address");
    expect(await sendDecisionMail(t.db, b, { baseUrl: "https://o.example", mailer })).toBe("no-address");
    expect(await sendDecisionMail(t.db, c, { baseUrl: "https://o.example", mailer })).toBe("undecided");
    expect(await sendDecisionMail(t.db, c, { baseUrl: "https://o.example", mailer: null })).toBe("no-mailer");
  });

  it.skipIf(!available)("leave the decision standing when the mail server refuses, and allow a later attempt", async () => {
    const refusing = await startTestSmtp({ refuse: true });
    try {
      const id = await suggest(verified, "Edited then approved", "uk");
      const count = smtp.received.length;
      // Edit-then-approve is its own news: published with the moderator's edits.
      await callerAs(t.db, mod).moderation.approve({ id, edits: { title: "Overlay чи bridge: що обрати?" } });
      const sent = decoded((await smtp.waitFor(count + 1)).data);
      expect(sent).toMatch(/^Subject: Вашу пропозицію №\d+ опубліковано з правками модератора$/m);
      expect(sent).toContain(`Модератор відредагував вашу пропозицію №${id} до «Overlay чи bridge: що обрати?» (UA) і опублікував її.`);
      await t.db.update(suggestions).set({ authorEmailedAt: null }).where(eq(suggestions.id, id));
      const logged: string[] = [];
      const outcome = await sendDecisionMail(t.db, id, { baseUrl: "https://o.example", mailer: smtpMailer(refusing.url, "x@o.example"), log: (m) => logged.push(m) });
      expect(outcome).toBe("failed");
      expect(logged[0]).toMatch(new RegExp(`^mail: the decision on suggestion #${id} was not emailed`));
      const [row] = await t.db.select().from(suggestions).where(eq(suggestions.id, id));
      expect(row).toMatchObject({ status: "approved", authorEmailedAt: null });
      expect(await sendDecisionMail(t.db, id, { baseUrl: "https://o.example", mailer: smtpMailer(smtp.url, "x@o.example") })).toBe("sent");
    } finally {
      await refusing.close();
    }
  });

  it.skipIf(!available)("confirm a new account's address by email, in the language of the page it signed up from", async () => {
    const origin = "http://localhost:3000";
    const count = smtp.received.length;
    const res = await getAuth(t.db).handler(
      new Request(`${origin}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin, referer: `${origin}/uk/signin`, "x-forwarded-for": "203.0.113.77" },
        body: JSON.stringify({ email: "new-reader@example.test", password: "long enough pw", name: "Оксана" }),
      }),
    );
    expect(res.status).toBe(200);
    const mail = decoded((await smtp.waitFor(count + 1)).data);
    expect(mail).toMatch(/^Subject: Підтвердьте адресу електронної пошти для Overlay Lab$/m);
    expect(mail).toContain("Вітаємо, Оксана!");
    const link = /https?:\/\/\S+\/api\/auth\/verify-email\?token=\S+/.exec(mail)?.[0];
    expect(link).toBeDefined();
    const [before] = await t.db.select().from(user).where(eq(user.email, "new-reader@example.test"));
    expect(before.emailVerified).toBe(false);
    await getAuth(t.db).handler(new Request(link!.replace(/^https?:\/\/[^/]+/, origin), { headers: { "x-forwarded-for": "203.0.113.78" } }));
    const [after] = await t.db.select().from(user).where(eq(user.email, "new-reader@example.test"));
    expect(after.emailVerified).toBe(true);
  });
});
