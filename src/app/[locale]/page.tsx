import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Prose } from "@/components/question/Prose";
import styles from "@/components/question/question.module.css";
import { routing } from "@/i18n/routing";
import { renderMarkdown } from "@/lib/markdown";
import { pageMetadata } from "@/lib/seo/metadata";
import { publicOrigin } from "@/lib/site-url";
import { plainSummary } from "@/lib/text";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-size";
import { getDb } from "@/server/db";
import { listQuestions } from "@/server/services/questions";
import { NoPrefetchLink } from "@/components/layout/NoPrefetchLink";

// Rendered on the first request after each publication and served from the page cache until the
// next one (src/server/cache). Static: request data (cookies, headers) reads as empty here, so
// nothing about the visitor can reach the shared page; per-user bits are client islands.
export const dynamic = "force-static";

// The proxy skips public pages, so the alternates it would send as a Link header are in the HTML.
export async function generateMetadata({ params }: PageProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "site.meta" });
  return {
    ...pageMetadata({
      origin: publicOrigin(),
      locale,
      path: "",
      title: t("siteName"),
      description: t("description"),
      siteName: t("siteName"),
      type: "website",
      image: { url: `/${locale}/opengraph-image/card`, alt: t("imageAlt", { title: t("siteName") }), ...SHARE_IMAGE_SIZE },
    }),
    // The home's <title> is the site's name alone, not "name · name".
    title: { absolute: t("siteName") },
  };
}

export default async function Home({ params }: PageProps<"/[locale]">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("site.home");
  const te = await getTranslations("exercises.links");
  const questions = await listQuestions(await getDb(), locale);
  const main = questions.find((q) => q.parentSlug === null);
  if (!main) notFound();
  const followUps = questions.filter((q) => q.parentSlug === main.slug);
  const shortHtml = await renderMarkdown(main.shortAnswer);

  return (
    <div className="container">
      <section className={styles.hero} aria-labelledby="main-question">
        <p className={styles.eyebrow}>{t("eyebrow")}</p>
        <h1 id="main-question" className={styles.title}>
          <Link href={`/${locale}/q/${main.slug}`} style={{ color: "inherit", textDecoration: "none" }}>
            {main.title}
          </Link>
        </h1>
        <p className={styles.lead}>{t("lead")}</p>
      </section>

      <div className={styles.shortCard}>
        <Prose html={shortHtml} />
        <p style={{ margin: "1rem 0 0" }}>
          <Link className={styles.button} href={`/${locale}/q/${main.slug}`}>
            {t("readFull")} →
          </Link>
        </p>
      </div>

      <aside className={styles.actions} aria-label={t("openLab")}>
        <p>{t("labLead")}</p>
        <NoPrefetchLink className={styles.button} href={`/${locale}/lab`} data-testid="home-lab">
          {t("openLab")} →
        </NoPrefetchLink>
      </aside>
      <aside className={styles.actions} aria-label={te("exercises")}>
        <p>{te("homeLead")}</p>
        <NoPrefetchLink className={styles.button} href={`/${locale}/exercises`} data-testid="home-exercises">
          {te("exercises")} →
        </NoPrefetchLink>
      </aside>
      <aside className={styles.actions} aria-label={t("quizMe")}>
        <p>{t("quizLead")}</p>
        <NoPrefetchLink className={styles.button} href={`/${locale}/quiz`} data-testid="home-quiz">
          {t("quizMe")}
        </NoPrefetchLink>
      </aside>

      {followUps.length > 0 && (
        <section aria-labelledby="follow-ups">
          <h2 id="follow-ups" className={styles.sectionTitle}>
            {t("followUps")}
          </h2>
          <p className={styles.lead} style={{ fontSize: "1rem", marginTop: "-0.5rem" }}>
            {t("followUpsLead")}
          </p>
          <ul className={styles.followUps}>
            {followUps.map((q) => (
              <li key={q.slug}>
                <Link className={styles.followUp} href={`/${locale}/q/${q.slug}`}>
                  {q.title}
                  <p>{plainSummary(q.shortAnswer, 180)}</p>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
