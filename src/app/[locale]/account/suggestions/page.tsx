import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { MySuggestions } from "@/components/moderation/MySuggestions";
import styles from "@/components/moderation/moderation.module.css";
import { getSessionUser } from "@/server/auth";
import { getDb } from "@/server/db";
import { TRPCReactProvider } from "@/trpc/client";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/account/suggestions">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "uk" ? "uk" : "en", namespace: "moderation" });
  return { title: t("mine.metaTitle"), robots: { index: false } };
}

export default async function Page({ params }: PageProps<"/[locale]/account/suggestions">) {
  const { locale } = await params;
  if (locale !== "en" && locale !== "uk") notFound();
  setRequestLocale(locale);
  const t = await getTranslations("moderation");
  const user = await getSessionUser(await getDb(), await headers());
  return (
    <div className={styles.narrowPage}>
      <h1 className={styles.h1}>{t("mine.heading")}</h1>
      <p className={styles.muted}>{t("mine.lead")}</p>
      {user ? (
        <ScopedMessages namespaces={["moderation"]}>
          <TRPCReactProvider>
            <MySuggestions locale={locale} />
          </TRPCReactProvider>
        </ScopedMessages>
      ) : (
        <div className={styles.gate}>
          <p>{t("mine.signInPrompt")}</p>
          <a className={styles.primary} href={`/${locale}/signin?next=${encodeURIComponent(`/${locale}/account/suggestions`)}`}>
            {t("signIn")}
          </a>
        </div>
      )}
    </div>
  );
}
