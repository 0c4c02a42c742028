import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { AuditView } from "@/components/moderation/AuditView";
import { moderatorGate } from "@/components/moderation/Gate";

export const dynamic = "force-dynamic";

export default async function Page({ params }: PageProps<"/[locale]/moderation/audit">) {
  const { locale } = await params;
  if (locale !== "en" && locale !== "uk") notFound();
  setRequestLocale(locale);
  const { block } = await moderatorGate(locale, `/${locale}/moderation/audit`);
  return block ?? <AuditView />;
}
