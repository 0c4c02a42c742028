import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { TranslationNotice } from "@/components/moderation/TranslationNotice";
import { CodeCopy } from "@/components/question/CodeCopy";
import { addExerciseLinks } from "@/lib/markdown/exercise-links";
import { exercisesForQuestion } from "@/lib/exercises/view";
import { exerciseHeadings } from "@/server/exercises/headings";
import { Prose } from "@/components/question/Prose";
import styles from "@/components/question/question.module.css";
import { routing } from "@/i18n/routing";
import { renderDocument, renderMarkdown } from "@/lib/markdown";
import { getDb } from "@/server/db";
import { imageUrlById } from "@/server/services/images";
import { getQuestion } from "@/server/services/questions";
import { jsonLdScript, questionJsonLd } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-size";
import { absoluteUrl, publicOrigin } from "@/lib/site-url";
import { plainSummary } from "@/lib/text";
import { addSectionEditLinks } from "@/lib/suggest/sections";
import { NoPrefetchLink } from "@/components/layout/NoPrefetchLink";

// Rendered once per published revision, on its first request, and served from the page cache until
// the next publication (src/server/cache). Static: cookies and headers read as empty here, so
// nothing about the visitor can reach the shared page; per-user bits are client islands.
export const dynamic = "force-static";

// No page is rendered at build time (the build has no database); each one is on its first request.
export function generateStaticParams(): { slug: string }[] {
  return [];
}

async function load(locale: string, slug: string) {
  if (!hasLocale(routing.locales, locale)) return null;
  const db = await getDb();
  const question = await getQuestion(db, slug, locale);
  return question ? { db, question, locale } : null;
}

export async function generateMetadata({ params }: PageProps<"/[locale]/q/[slug]">): Promise<Metadata> {
  const { locale, slug } = await params;
  const loaded = await load(locale, slug);
  if (!loaded) return {};
  const { question, locale: pageLocale } = loaded;
  const t = await getTranslations({ locale: pageLocale, namespace: "site.meta" });
  // Everything from the published revision: a publication re-renders the page, and these with it.
  return pageMetadata({
    origin: publicOrigin(),
    locale: pageLocale,
    path: `/q/${question.slug}`,
    title: question.title,
    description: plainSummary(question.shortAnswer, 160),
    siteName: t("siteName"),
    type: "article",
    image: { url: `/${pageLocale}/q/${question.slug}/opengraph-image/card`, alt: t("imageAlt", { title: question.title }), ...SHARE_IMAGE_SIZE },
    modifiedTime: question.revision.createdAt,
    locales: question.locales,
  });
}

export default async function QuestionPage({ params }: PageProps<"/[locale]/q/[slug]">) {
  const { locale: rawLocale, slug } = await params;
  const loaded = await load(rawLocale, slug);
  if (!loaded) notFound();
  const { db, question, locale } = loaded;
  setRequestLocale(locale);
  const [t, tc, tm, te, format, headings] = await Promise.all([
    getTranslations("site.question"),
    getTranslations("site.code"),
    getTranslations("site.meta"),
    getTranslations("exercises.links"),
    getFormatter(),
    exerciseHeadings(),
  ]);
  const exercises = exercisesForQuestion(question.slug, locale, headings);
  const [shortHtml, body, imageUrl] = await Promise.all([
    renderMarkdown(question.shortAnswer),
    renderDocument(question.body, {
      runInLab: { locale, path: `/${locale}/q/${question.slug}`, title: question.title, label: tc("runInLab") },
    }),
    imageUrlById(db, question.imageId),
  ]);
  const outline = body.headings.filter((h) => h.depth <= 3);
  const origin = publicOrigin();
  const jsonLd = questionJsonLd({
    url: absoluteUrl(`/${locale}/q/${question.slug}`, origin),
    locale,
    title: question.title,
    answerText: `${plainSummary(question.shortAnswer, 10_000)}\n\n${question.body}`,
    created: question.createdAt,
    modified: question.revision.createdAt,
    siteName: tm("siteName"),
    siteUrl: absoluteUrl(`/${locale}`, origin),
  });
  const suggestHref = `/${locale}/q/${question.slug}/suggest`;
  // Wikipedia's section edit: a plain link beside each heading, to the form with that section's text under the caret.
  const bodyHtml = addSectionEditLinks(body.html, {
    href: (id) => `${suggestHref}?section=${encodeURIComponent(id)}`,
    label: t("editSection"),
    accessibleName: (section) => t("editSectionLabel", { section }),
  });

  return (
    <div className={`container ${styles.layout}`}>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(jsonLd) }} />
      <article aria-labelledby="question-title">
        {question.parent && (
          <p className={styles.crumbs}>
            {t("partOf")} <Link href={`/${locale}/q/${question.parent.slug}`}>{question.parent.title}</Link>
          </p>
        )}
        <h1 id="question-title" className={styles.title}>
          {question.title}
        </h1>
        <p className={styles.meta}>
          <span>
            {t("revision", {
              number: question.revision.number,
              date: format.dateTime(question.revision.createdAt, { year: "numeric", month: "long", day: "numeric" }),
            })}
          </span>
          <NoPrefetchLink href={suggestHref} data-testid="suggest-edit-top">
            {t("suggestEdit")}
          </NoPrefetchLink>
        </p>
        <TranslationNotice db={db} questionId={question.id} locale={locale} />

        <section className={styles.shortCard} aria-labelledby="short-answer">
          <h2 id="short-answer" className={styles.cardLabel}>
            {t("shortAnswer")} <small>{t("forQuickRecall")}</small>
          </h2>
          <Prose html={shortHtml} />
        </section>

        {imageUrl && (
          <figure className={styles.figure}>
            {/* eslint-disable-next-line @next/next/no-img-element -- served by our own image route with its own caching */}
            <img src={imageUrl} alt={t("image", { title: question.title })} data-testid="question-image" />
          </figure>
        )}

        <h2 className="visually-hidden">{t("fullAnswer")}</h2>
        <Prose
          html={addExerciseLinks(
            bodyHtml,
            exercises.flatMap((e) => (e.anchor ? [{ anchor: e.anchor, href: `/${locale}/exercises/${e.slug}`, label: te("forSection", { number: e.number, title: e.title }) }] : [])),
          )}
        />
        <CodeCopy labels={{ copy: tc("copy"), copied: tc("copied"), failed: tc("copyFailed") }} />

        {question.followUps.length > 0 && (
          <section aria-labelledby="follow-ups">
            <h2 id="follow-ups" className={styles.sectionTitle}>
              {t("followUps")}
            </h2>
            <ul className={styles.followUps}>
              {question.followUps.map((f) => (
                <li key={f.slug}>
                  <Link className={styles.followUp} href={`/${locale}/q/${f.slug}`}>
                    {f.title}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}

        <aside className={styles.actions} aria-label={t("quizMe")}>
          <p>{t("quizMeHint")}</p>
          <NoPrefetchLink className={styles.button} href={`/${locale}/quiz?topic=${question.slug}`} data-testid="quiz-me">
            {t("quizMe")}
          </NoPrefetchLink>
        </aside>

        <aside className={styles.actions} aria-label={te("exercises")}>
          <p>{te("practise")}</p>
          <NoPrefetchLink className={styles.button} href={`/${locale}/exercises`} data-testid="question-exercises">
            {te("exercises")}
          </NoPrefetchLink>
        </aside>

        <aside className={styles.actions}>
          <p>{t("tryLabHint")}</p>
          <NoPrefetchLink className={styles.button} href={`/${locale}/lab`} data-testid="try-lab">
            {t("tryLab")}
          </NoPrefetchLink>
        </aside>

        <aside className={styles.actions}>
          <p>{t("suggestEditHint")}</p>
          <NoPrefetchLink className={styles.button} href={suggestHref} data-testid="suggest-edit">
            {t("suggestEdit")}
          </NoPrefetchLink>
        </aside>
      </article>

      {outline.length > 0 && (
        <nav className={styles.toc} aria-labelledby="toc-title">
          <h2 id="toc-title">{t("onThisPage")}</h2>
          <ol>
            {outline.map((h) => (
              <li key={h.id} className={h.depth === 3 ? styles.depth3 : undefined}>
                <a href={`#${h.id}`}>{h.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      )}
    </div>
  );
}
