/**
 * The email side of decision news: when an SMTP server is configured, the author of a decided
 * suggestion who has an account with a verified address gets one plain-text email in the
 * suggestion's language — approved, edited then approved, or rejected with the reason. At most one
 * per suggestion, whichever instance sends it (the row is claimed before sending).
 */
import { createTranslator } from "next-intl";
import { and, eq, isNull } from "drizzle-orm";
import enModeration from "../../../messages/en/moderation.json";
import enNotices from "../../../messages/en/notices.json";
import ukModeration from "../../../messages/uk/moderation.json";
import ukNotices from "../../../messages/uk/notices.json";
import type { Db } from "../db/client";
import { questionRevisions, questions, suggestions, user, type Locale } from "../db/schema";
import { configuredMailer, type Mail, type Mailer } from "../mail/mailer";
import { outcomeOf } from "./notices";

const MESSAGES = { en: { notices: enNotices, moderation: enModeration }, uk: { notices: ukNotices, moderation: ukModeration } };

export type MailOutcome = "sent" | "no-mailer" | "no-address" | "undecided" | "already-sent" | "failed";

export interface DecisionMailFacts {
  id: number;
  outcome: "approved" | "edited" | "rejected";
  locale: Locale;
  name: string;
  title: string;
  slug: string;
  reason: { code: string; text: string | null } | null;
}

/** The email for a decision, in the suggestion's language, with absolute links under `baseUrl`. */
export function composeDecisionMail(facts: DecisionMailFacts, to: string, baseUrl: string): Mail {
  const { locale } = facts;
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "notices.mail" });
  const tm = createTranslator({ locale, messages: MESSAGES[locale], namespace: "moderation" });
  const base = baseUrl.replace(/\/+$/, "");
  const values = { id: facts.id, title: facts.title, locale: tm(`locales.${locale}`) };
  const subject =
    facts.outcome === "approved" ? t("subjectApproved", values) : facts.outcome === "edited" ? t("subjectEdited", values) : t("subjectRejected", values);
  const lines = [t("greeting", { name: facts.name }), "", t(facts.outcome, values)];
  if (facts.outcome === "rejected" && facts.reason) {
    const label = tm(`reasons.${facts.reason.code as "other"}`);
    lines.push(t("reason", { reason: [label, facts.reason.text].filter(Boolean).join(" — ") }));
  }
  lines.push("", t("status", { url: `${base}/${locale}/suggestion/${facts.id}` }));
  if (facts.outcome === "rejected") lines.push(t("revise", { url: `${base}/${locale}/account/suggestions` }));
  else lines.push(t("page", { url: `${base}/${locale}/q/${facts.slug}` }));
  lines.push("", "—", t("footer"));
  return { to, subject, text: `${lines.join("\n")}\n` };
}

/**
 * Emails the author of suggestion `id` about its decision, once. Never throws: a mail server that
 * fails is logged and the decision stands (the in-app notice still waits for the author).
 */
export async function sendDecisionMail(
  db: Db,
  id: number,
  { baseUrl, mailer = configuredMailer(), log = console.warn }: { baseUrl: string; mailer?: Mailer | null; log?: (message: string) => void },
): Promise<MailOutcome> {
  if (!mailer) return "no-mailer";
  const [row] = await db
    .select({ s: suggestions, email: user.email, name: user.name, verified: user.emailVerified, slug: questions.slug, title: questionRevisions.title })
    .from(suggestions)
    .innerJoin(questions, eq(questions.id, suggestions.questionId))
    .innerJoin(
      questionRevisions,
      and(eq(questionRevisions.questionId, suggestions.questionId), eq(questionRevisions.locale, suggestions.locale), eq(questionRevisions.isPublished, true)),
    )
    .leftJoin(user, eq(user.id, suggestions.authorId))
    .where(eq(suggestions.id, id));
  const outcome = row && outcomeOf(row.s);
  if (!row || !outcome) return "undecided";
  // Only to an address its owner proved (accounts made by an admin, or verified by email).
  if (!row.email || !row.verified) return "no-address";
  const [claimed] = await db
    .update(suggestions)
    .set({ authorEmailedAt: new Date() })
    .where(and(eq(suggestions.id, id), isNull(suggestions.authorEmailedAt)))
    .returning({ id: suggestions.id });
  if (!claimed) return "already-sent";
  const mail = composeDecisionMail(
    {
      id,
      outcome,
      locale: row.s.locale,
      name: row.name ?? row.s.authorName,
      title: row.title,
      slug: row.slug,
      reason: row.s.reasonCode ? { code: row.s.reasonCode, text: row.s.reasonText } : null,
    },
    row.email,
    baseUrl,
  );
  try {
    await mailer.send(mail);
    return "sent";
  } catch (error) {
    // Not sent: release the claim so a later attempt may send it.
    await db.update(suggestions).set({ authorEmailedAt: null }).where(eq(suggestions.id, id));
    log(`mail: the decision on suggestion #${id} was not emailed (${error instanceof Error ? error.message : String(error)})`);
    return "failed";
  }
}

/** The address-confirmation email better-auth asks for at sign-up (only with an SMTP server). */
export function composeVerifyMail(locale: Locale, to: string, name: string, url: string): Mail {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "notices.mail" });
  return { to, subject: t("verifySubject"), text: `${t("verifyBody", { name, url })}\n` };
}

/** The locale a request came from: the path of the page it was sent from (/uk/…), else English. */
export function localeOfRequest(request?: Request): Locale {
  const from = request?.headers.get("referer") ?? "";
  try {
    return new URL(from).pathname.startsWith("/uk") ? "uk" : "en";
  } catch {
    return "en";
  }
}
