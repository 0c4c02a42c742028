import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { SuggestPage } from "@/components/suggest/SuggestPage";
import type { Locale, Original, TabDraft } from "@/components/suggest/draft";
import styles from "@/components/suggest/page.module.css";
import { tryRenderDocument } from "@/lib/markdown";
import type { SectionTarget } from "@/lib/suggest/sections";
import { getSessionUser } from "@/server/auth";
import { clientIp } from "@/server/api/context";
import { getDb } from "@/server/db";
import { imageUrlById } from "@/server/services/images";
import { getQuestion } from "@/server/services/questions";
import { getSuggestion } from "@/server/services/suggestions";

// The form starts from the text published right now, and knows who is signed in.
export const dynamic = "force-dynamic";

const isLocale = (l: string): l is Locale => l === "en" || l === "uk";

async function load(slug: string) {
  const db = await getDb();
  const [en, uk] = await Promise.all([getQuestion(db, slug, "en"), getQuestion(db, slug, "uk")]);
  if (!en || !uk) return null;
  const original = async (q: NonNullable<typeof en>): Promise<Original> => ({
    revisionId: q.revision.id,
    title: q.title,
    shortAnswer: q.shortAnswer,
    body: q.body,
    imageUrl: await imageUrlById(db, q.imageId),
  });
  return { db, originals: { en: await original(en), uk: await original(uk) } };
}

export async function generateMetadata({ params }: PageProps<"/[locale]/q/[slug]/suggest">): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!isLocale(locale)) return {};
  const db = await getDb();
  const q = await getQuestion(db, slug, locale);
  const t = await getTranslations({ locale, namespace: "suggest" });
  return { title: q ? t("metaTitle", { title: q.title }) : t("eyebrow"), robots: { index: false } };
}

export default async function Page({ params, searchParams }: PageProps<"/[locale]/q/[slug]/suggest">) {
  const { locale, slug } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("suggest");
  const tm = await getTranslations("moderation");
  const loaded = await load(slug);
  if (!loaded) notFound();
  const { db, originals } = loaded;
  const h = await headers();
  const user = await getSessionUser(db, h);
  const links = {
    question: `/${locale}/q/${slug}`,
    mine: `/${locale}/account/suggestions`,
    signIn: `/${locale}/signin?next=${encodeURIComponent(`/${locale}/q/${slug}/suggest`)}`,
    signInAfterSend: `/${locale}/signin?next=${encodeURIComponent(`/${locale}/account/suggestions`)}`,
  };

  // Revise and resubmit: only the author of a rejected suggestion (the server checks again on submit).
  const reviseParam = (await searchParams).revise;
  let revise: { id: number; locale: Locale; tab: TabDraft; reason: string | null } | undefined;
  if (typeof reviseParam === "string" && /^\d{1,9}$/.test(reviseParam) && user) {
    const s = await getSuggestion(db, { user, ip: clientIp(h) }, { id: Number(reviseParam) }).catch(() => null);
    if (s && s.status === "rejected" && s.questionSlug === slug) {
      const base = originals[s.locale];
      const image = s.changes.image;
      revise = {
        id: s.id,
        locale: s.locale,
        reason: s.reason ? [tm(`reasons.${s.reason.code}`), s.reason.text].filter(Boolean).join(" — ") : null,
        tab: {
          title: s.changes.title ?? base.title,
          shortAnswer: s.changes.shortAnswer ?? base.shortAnswer,
          body: s.changes.body ?? base.body,
          image:
            image?.op === "remove"
              ? { op: "remove" }
              : image?.op === "set" && image.url
                ? { op: "upload", uploadId: image.url.split("/").pop() as string, url: image.url }
                : { op: "keep" },
        },
      };
    }
  }

  // A section's edit link: the heading it names, found among the headings of the published answer.
  const sectionParam = (await searchParams).section;
  let section: SectionTarget | undefined;
  if (typeof sectionParam === "string" && sectionParam.length > 0 && sectionParam.length <= 300 && !revise) {
    const rendered = await tryRenderDocument(originals[locale].body);
    const ordinal = rendered.ok ? rendered.headings.findIndex((h) => h.id === sectionParam) : -1;
    if (rendered.ok && ordinal >= 0) section = { id: sectionParam, text: rendered.headings[ordinal].text, ordinal };
  }

  const title = originals[locale].title;
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <p className={styles.eyebrow}>{t("eyebrow")}</p>
        <div className={styles.titleRow}>
          <h1 className={styles.h1}>{revise ? t("reviseTitle") : t("heading")}</h1>
          <span className={styles.badge}>{t("approval")}</span>
        </div>
        <p className={styles.lead}>{t("lead", { title })}</p>
        {revise && <p className={styles.lead}>{t("reviseLead", { id: revise.id })}</p>}
        {revise?.reason && <p className={styles.reason}>{t("reviseReason", { reason: revise.reason })}</p>}
        <p>
          <a href={links.question}>← {t("backToQuestion")}</a>
        </p>
      </header>
      <noscript>
        <p className={styles.reason}>{t("noScript")}</p>
      </noscript>
      <ScopedMessages namespaces={["suggest", "moderation"]}>
        <SuggestPage
        slug={slug}
        pageLocale={locale}
        originals={originals}
        signedInAs={user?.name ?? null}
        links={links}
        revise={revise && { id: revise.id, locale: revise.locale, tab: revise.tab }}
        section={section}
        />
      </ScopedMessages>
    </div>
  );
}
