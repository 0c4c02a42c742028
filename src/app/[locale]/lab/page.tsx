import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { LabLoader } from "@/components/lab/LabLoader";
import styles from "@/components/lab/page.module.css";
import { routing } from "@/i18n/routing";
import { pageMetadata } from "@/lib/seo/metadata";
import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-size";
import { publicOrigin } from "@/lib/site-url";
import { LAB_NAMESPACES } from "@/i18n/namespaces";
import { NoPrefetchLink } from "@/components/layout/NoPrefetchLink";
import { paneLabels } from "@/server/lab/pane-labels";

// A public page (src/lib/public-pages.ts): rendered once, served from the page cache to everyone. Nothing in it
// is per visitor (the session lives in the browser, the header's account is a client island); a render per
// request cost the first prompt some 20–40 ms of waiting for the HTML.
export const dynamic = "force-static";

export async function generateMetadata({ params }: PageProps<"/[locale]/lab">): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const [t, site] = await Promise.all([getTranslations({ locale, namespace: "lab.meta" }), getTranslations({ locale, namespace: "site.meta" })]);
  return pageMetadata({
    origin: publicOrigin(),
    locale,
    path: "/lab",
    title: t("title"),
    description: t("description"),
    siteName: site("siteName"),
    type: "website",
    image: { url: `/${locale}/opengraph-image/card`, alt: site("imageAlt", { title: site("siteName") }), ...SHARE_IMAGE_SIZE },
  });
}

/** The chrome explains the lab without JavaScript; the terminals load on the client only. */
export default async function LabPage({ params }: PageProps<"/[locale]/lab">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("lab.page");
  const te = await getTranslations("exercises.links");
  const labels = await paneLabels(locale);

  return (
    <div className={styles.wrap}>
      <header className={styles.head}>
        <h1 className={styles.title}>{t("title")}</h1>
        <p className={styles.lead}>{t("lead")}</p>
        <p className={styles.lead}>
          {te("labLead")}{" "}
          <NoPrefetchLink href={`/${locale}/exercises`} data-testid="lab-exercises">
            {te("exercises")} →
          </NoPrefetchLink>
        </p>
      </header>

      <noscript>
        <p className={styles.noscript}>{t("noScript")}</p>
      </noscript>

      <ScopedMessages namespaces={LAB_NAMESPACES}>
        <LabLoader locale={locale} paneLabels={labels} />
      </ScopedMessages>

      <div className={styles.help}>
        <section aria-labelledby="lab-how">
          <h2 id="lab-how">{t("howTitle")}</h2>
          <ul>
            <li>{t("how1")}</li>
            <li>{t("how2")}</li>
            <li>{t("how3")}</li>
          </ul>
        </section>
        <section aria-labelledby="lab-keys">
          <h2 id="lab-keys">{t("keysTitle")}</h2>
          <ul>
            <li>{t("keyEditing")}</li>
            <li>{t("keyHistory")}</li>
            <li>{t("keyControl")}</li>
            <li>{t("keyClipboard")}</li>
            <li>{t("keyFastForward")}</li>
            <li>{t("keyDownload")}</li>
            <li>{t("keyLeave")}</li>
          </ul>
        </section>
      </div>
    </div>
  );
}
