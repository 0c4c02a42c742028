import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations } from "next-intl/server";
import { LOCALE_LABELS, routing } from "@/i18n/routing";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-size";
import { publicOrigin } from "@/lib/site-url";
import { plainSummary } from "@/lib/text";
import { getDb } from "@/server/db";
import { getQuestion } from "@/server/services/questions";
import { shareImage } from "@/server/share-image";

// The question's share image in one locale, drawn from the published revision: rendered on its first
// request and kept in the page cache until the next publication, like the page.
export const contentType = "image/png";

async function load(locale: string, slug: string) {
  if (!hasLocale(routing.locales, locale)) return null;
  const question = await getQuestion(await getDb(), slug, locale);
  return question ? { locale, question } : null;
}

/** One image per page; its alternative text is the question's title in the page's language. */
export async function generateImageMetadata({ params }: { params: { locale: string; slug: string } }) {
  const loaded = await load(params.locale, params.slug);
  if (!loaded) return [];
  const t = await getTranslations({ locale: loaded.locale, namespace: "site.meta" });
  return [{ id: "card", alt: t("imageAlt", { title: loaded.question.title }), size: SHARE_IMAGE_SIZE, contentType }];
}

export default async function Image({ params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  const loaded = await load(locale, slug);
  if (!loaded) notFound();
  const t = await getTranslations({ locale: loaded.locale, namespace: "site.meta" });
  return shareImage({
    siteName: t("siteName"),
    kicker: t("questionKicker"),
    title: loaded.question.title,
    summary: plainSummary(loaded.question.shortAnswer, 400),
    localeLabel: LOCALE_LABELS[loaded.locale],
    host: new URL(publicOrigin()).host,
  });
}
