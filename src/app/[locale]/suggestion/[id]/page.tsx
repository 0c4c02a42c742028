import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { SuggestionCard } from "@/components/moderation/SuggestionCard";
import styles from "@/components/moderation/moderation.module.css";
import { getSessionUser } from "@/server/auth";
import { clientIp } from "@/server/api/context";
import { getDb } from "@/server/db";
import { getSuggestion } from "@/server/services/suggestions";

// A private page: the status of one suggestion for whoever holds its key (the browser that sent it).
export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647), key: z.uuid().optional() });

export async function generateMetadata({ params }: PageProps<"/[locale]/suggestion/[id]">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale: locale === "uk" ? "uk" : "en", namespace: "moderation" });
  // The key is in the address: never index it, never send it on as a referrer.
  return { title: t("statusPage.metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function Page({ params, searchParams }: PageProps<"/[locale]/suggestion/[id]">) {
  const { locale, id } = await params;
  if (locale !== "en" && locale !== "uk") notFound();
  setRequestLocale(locale);
  const key = (await searchParams).key;
  const parsed = paramsSchema.safeParse({ id, key: typeof key === "string" ? key : undefined });
  if (!parsed.success) notFound();
  const t = await getTranslations("moderation");
  const db = await getDb();
  const h = await headers();
  const user = await getSessionUser(db, h);
  // Its author, a moderator, or the holder of its key; anyone else gets the same "not found".
  const s = await getSuggestion(db, { user, ip: clientIp(h) }, { id: parsed.data.id, clientKey: parsed.data.key }).catch(() => null);
  if (!s) notFound();
  return (
    <div className={styles.narrowPage}>
      <h1 className={styles.h1}>{t("statusPage.heading", { id: s.id })}</h1>
      <p className={styles.muted}>{user ? t("mine.lead") : t("statusPage.lead")}</p>
      <ScopedMessages namespaces={["moderation"]}>
        <SuggestionCard s={s} locale={locale} canRevise={user !== null} changesOpen />
      </ScopedMessages>
      {!user && (
        <p>
          <a href={`/${locale}/signin?next=${encodeURIComponent(`/${locale}/account/suggestions`)}`}>{t("statusPage.signIn")}</a>
        </p>
      )}
    </div>
  );
}
