import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { moderatorGate } from "@/components/moderation/Gate";
import { HistoryView } from "@/components/moderation/HistoryView";

export const dynamic = "force-dynamic";

export default async function Page({ params }: PageProps<"/[locale]/moderation/history">) {
  const { locale } = await params;
  if (locale !== "en" && locale !== "uk") notFound();
  setRequestLocale(locale);
  const { block } = await moderatorGate(locale, `/${locale}/moderation/history`);
  return block ?? <HistoryView locale={locale} />;
}
