import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { ExerciseLoader } from "@/components/exercises/ExerciseLoader";
import exStyles from "@/components/exercises/exercises.module.css";
import { Inline } from "@/components/quiz/Inline";
import styles from "@/components/lab/page.module.css";
import { routing } from "@/i18n/routing";
import { exerciseView } from "@/lib/exercises/view";
import { exerciseHeadings } from "@/server/exercises/headings";
import { LAB_NAMESPACES } from "@/i18n/namespaces";
import { paneLabels } from "@/server/lab/pane-labels";
import { NoPrefetchLink } from "@/components/layout/NoPrefetchLink";


// Rendered per request, like the quiz: the article's headings (for the section links) are read at run time.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/exercises/[slug]">): Promise<Metadata> {
  const { locale, slug } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const view = exerciseView(slug, locale, await exerciseHeadings());
  if (!view) return {};
  return {
    title: view.title,
    description: view.summary,
    alternates: { languages: Object.fromEntries(routing.locales.map((l) => [l, `/${l}/exercises/${slug}`])) },
  };
}

/** One exercise: its task and the article section it comes from, then the lab on its start state with the steps beside it. */
export default async function ExercisePage({ params }: PageProps<"/[locale]/exercises/[slug]">) {
  const { locale, slug } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, headings, labels] = await Promise.all([getTranslations("exercises"), exerciseHeadings(), paneLabels(locale)]);
  const view = exerciseView(slug, locale, headings);
  if (!view) notFound();

  return (
    <div className={styles.wrap}>
      <p className={exStyles.crumbs}>
        <NoPrefetchLink href={`/${locale}/exercises`} data-testid="exercises-index">
          ← {t("page.back")}
        </NoPrefetchLink>
      </p>
      <header className={styles.head}>
        <p className={exStyles.number}>{t("index.number", { number: view.number })}</p>
        <h1 className={styles.title}>{view.title}</h1>
        <p className={exStyles.intro}>
          <Inline text={view.intro} />
        </p>
        <p className={exStyles.section}>
          <Link href={view.section.href} data-testid="exercise-section">
            {t("page.section", { section: view.section.title })}
          </Link>
        </p>
      </header>

      <noscript>
        <p className={styles.noscript}>{t("page.noScript")}</p>
        <ol>
          {view.steps.map((s) => (
            <li key={s.id}>
              <strong>{s.title}</strong>: <Inline text={s.goal} />
            </li>
          ))}
        </ol>
      </noscript>

      <ScopedMessages namespaces={[...LAB_NAMESPACES, "exercises"]}>
        <ExerciseLoader locale={locale} exercise={view} paneLabels={labels} />
      </ScopedMessages>
    </div>
  );
}
