import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { TRPCReactProvider } from "@/trpc/client";
import { ModerationNav } from "@/components/moderation/ModerationNav";
import styles from "@/components/moderation/moderation.module.css";

export async function generateMetadata({ params }: LayoutProps<"/[locale]/moderation">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "uk" ? "uk" : "en", namespace: "moderation" });
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function ModerationLayout({ children, params }: LayoutProps<"/[locale]/moderation">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("moderation");
  return (
    <div className={styles.page}>
      <ScopedMessages namespaces={["moderation"]}>
        <div className={styles.pageHead}>
          <h1 className={styles.h1}>{t("title")}</h1>
          <ModerationNav locale={locale} />
        </div>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </ScopedMessages>
    </div>
  );
}
