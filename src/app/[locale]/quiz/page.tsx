import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { QuizApp, type QuizMode } from "@/components/quiz/QuizApp";
import { QuizTextProvider, type QuizMessages } from "@/components/quiz/QuizText";
import styles from "@/components/quiz/quiz.module.css";
import { routing } from "@/i18n/routing";
import { getQuizBank } from "@/server/quiz/bank";
import { NoPrefetchLink } from "@/components/layout/NoPrefetchLink";

const MODES = ["practice", "interview", "cards"] as const satisfies readonly QuizMode[];
const searchSchema = z.object({
  mode: z.enum(MODES).catch("practice"),
  topic: z.string().max(80).optional().catch(undefined),
});

export async function generateMetadata({ params }: PageProps<"/[locale]/quiz">): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "quiz.meta" });
  return {
    title: t("title"),
    description: t("description"),
    alternates: { languages: Object.fromEntries(routing.locales.map((l) => [l, `/${l}/quiz`])) },
  };
}

export default async function QuizPage({ params, searchParams }: PageProps<"/[locale]/quiz">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const raw = await searchParams;
  const search = searchSchema.parse({ mode: raw.mode, topic: raw.topic });
  const [t, bank, messages] = await Promise.all([getTranslations("quiz.page"), getQuizBank(), getMessages()]);
  const topics = bank.topics[locale];
  const topic = topics.some((x) => x.slug === search.topic) ? search.topic : undefined;
  const href = (mode: QuizMode, slug = topic) => `/${locale}/quiz?mode=${mode}${slug ? `&topic=${slug}` : ""}`;

  return (
    <div className="container">
      <header className={styles.hero}>
        <p className={styles.eyebrow}>{t("eyebrow")}</p>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.lead}>{t("lead", { count: bank.items[locale].length })}</p>
      </header>

      <nav aria-label={t("modes")} className={styles.tabs}>
        {MODES.map((m) => (
          <NoPrefetchLink key={m} href={href(m)} className={styles.tab} aria-current={m === search.mode ? "page" : undefined}>
            {t(m)}
          </NoPrefetchLink>
        ))}
      </nav>
      <nav aria-label={t("topics")} className={styles.topics}>
        <NoPrefetchLink href={href(search.mode, "")} className={styles.topicPill} aria-current={topic === undefined ? "page" : undefined}>
          {t("allTopics")}
        </NoPrefetchLink>
        {topics.map((x) => (
          <NoPrefetchLink key={x.slug} href={href(search.mode, x.slug)} className={styles.topicPill} aria-current={x.slug === topic ? "page" : undefined}>
            {x.title}
          </NoPrefetchLink>
        ))}
      </nav>

      <noscript>
        <p className={styles.noscript}>{t("noScript")}</p>
      </noscript>
      {/* The quiz's strings travel as data and are formatted by a few lines of our own (icu-lite), not by
          next-intl's client runtime: the page's first load stays small. */}
      <QuizTextProvider locale={locale} messages={messages.quiz as QuizMessages}>
        <QuizApp mode={search.mode} items={bank.items[locale]} topic={topic} topics={topics} />
      </QuizTextProvider>
    </div>
  );
}
