import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { moderatorGate } from "@/components/moderation/Gate";
import { QuizReviewView } from "@/components/moderation/QuizReviewView";

export const dynamic = "force-dynamic";

export default async function Page({ params }: PageProps<"/[locale]/moderation/quiz">) {
  const { locale } = await params;
  if (locale !== "en" && locale !== "uk") notFound();
  setRequestLocale(locale);
  const { block } = await moderatorGate(locale, `/${locale}/moderation/quiz`);
  return block ?? <QuizReviewView locale={locale} />;
}
