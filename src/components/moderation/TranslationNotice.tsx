import { getTranslations } from "next-intl/server";
import type { Db } from "@/server/db/client";
import { getTranslationStatus } from "@/server/services/translations";
import styles from "./moderation.module.css";

/**
 * For the question page: says which fields of this locale may be outdated because the other
 * locale's text changed since they were last synced. Renders nothing when the translation is current.
 */
export async function TranslationNotice({ db, questionId, locale }: { db: Db; questionId: number; locale: "en" | "uk" }) {
  const status = await getTranslationStatus(db, questionId, locale);
  if (!status.stale) return null;
  const t = await getTranslations({ locale, namespace: "moderation" });
  return (
    <aside className={styles.staleNotice} data-testid="translation-stale" role="note">
      {t("stale.text", {
        source: t(`stale.source.${status.sourceLocale}`),
        fields: status.fields.map((f) => t(`fields.${f.field}`).toLowerCase()).join(", "),
      })}
    </aside>
  );
}
