import { getTranslations } from "next-intl/server";
import { REJECT_REASONS } from "@/server/api/schemas/moderation";
import { DecisionNotices } from "./DecisionNotices";

/** The decision notices, with their strings resolved on the server (public pages carry no i18n runtime). */
export async function NoticesSlot({ locale }: { locale: "en" | "uk" }) {
  const [t, tm] = await Promise.all([getTranslations({ locale, namespace: "notices" }), getTranslations({ locale, namespace: "moderation" })]);
  return (
    <DecisionNotices
      locale={locale}
      labels={{
        region: t("region"),
        approved: t.raw("approved") as string,
        edited: t.raw("edited") as string,
        rejected: t.raw("rejected") as string,
        reason: t.raw("reason") as string,
        view: t("view"),
        revise: t("revise"),
        dismiss: t("dismiss"),
        dismissLabel: t.raw("dismissLabel") as string,
        locales: { en: tm("locales.en"), uk: tm("locales.uk") },
        reasons: Object.fromEntries(REJECT_REASONS.map((r) => [r, tm(`reasons.${r}`)])),
      }}
    />
  );
}
