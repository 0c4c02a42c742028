import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations } from "next-intl/server";
import { LOCALE_LABELS, routing } from "@/i18n/routing";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-size";
import { publicOrigin } from "@/lib/site-url";
import { plainSummary } from "@/lib/text";
import { getDb } from "@/server/db";
import { listQuestions } from "@/server/services/questions";
import { shareImage } from "@/server/share-image";

// The site's share image in one locale (the home, the lab and every page without its own): the main
// question and its short answer, from the published revision.
export const contentType = "image/png";

export async function generateImageMetadata({ params }: { params: { locale: string } }) {
  if (!hasLocale(routing.locales, params.locale)) return [];
  const t = await getTranslations({ locale: params.locale, namespace: "site.meta" });
  return [{ id: "card", alt: t("imageAlt", { title: t("siteName") }), size: SHARE_IMAGE_SIZE, contentType }];
}

export default async function Image({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  const [t, questions] = await Promise.all([getTranslations({ locale, namespace: "site.meta" }), getDb().then((db) => listQuestions(db, locale))]);
  const main = questions.find((q) => q.parentSlug === null);
  return shareImage({
    siteName: t("siteName"),
    kicker: t("homeKicker"),
    title: main?.title ?? t("siteName"),
    summary: main ? plainSummary(main.shortAnswer, 400) : t("description"),
    localeLabel: LOCALE_LABELS[locale],
    host: new URL(publicOrigin()).host,
  });
}
