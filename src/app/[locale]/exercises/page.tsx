import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { ExerciseList, type ExerciseCard } from "@/components/exercises/ExerciseList";
import styles from "@/components/quiz/quiz.module.css";
import { routing } from "@/i18n/routing";
import { EXERCISES } from "@/lib/exercises";
import { exerciseText } from "@/lib/exercises/texts";
import { sectionOf } from "@/lib/exercises/view";
import { exerciseHeadings } from "@/server/exercises/headings";

// Rendered per request, like the quiz: the article's headings (for the section links) are read at run time.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/exercises">): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "exercises.meta" });
  return {
    title: t("title"),
    description: t("description"),
    alternates: { languages: Object.fromEntries(routing.locales.map((l) => [l, `/${l}/exercises`])) },
  };
}

/** The exercises in order, each with the article section it practises and this learner's progress. */
export default async function ExercisesPage({ params }: PageProps<"/[locale]/exercises">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, headings] = await Promise.all([getTranslations("exercises.index"), exerciseHeadings()]);
  const cards: ExerciseCard[] = EXERCISES.map((e) => {
    const text = exerciseText(e.slug, locale)!;
    return { slug: e.slug, number: e.number, title: text.title, summary: text.summary, section: sectionOf(e.slug, locale, headings) };
  });
  return (
    <div className="container">
      <header className={styles.hero}>
        <p className={styles.eyebrow}>{t("eyebrow")}</p>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.lead}>{t("lead")}</p>
      </header>
      <ScopedMessages namespaces={["exercises"]}>
        <ExerciseList locale={locale} exercises={cards} />
      </ScopedMessages>
    </div>
  );
}
