import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { hasLocale } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SiteFooter } from "@/components/layout/SiteFooter";
import { ServiceWorker } from "@/components/offline/ServiceWorker";
import { SiteHeader } from "@/components/layout/SiteHeader";
import styles from "@/components/layout/layout.module.css";
import { NoticesSlot } from "@/components/notices/NoticesSlot";
import { routing } from "@/i18n/routing";
import { OG_LOCALE } from "@/lib/seo/metadata";
import { publicOrigin } from "@/lib/site-url";
import "../globals.css";

// No generateStaticParams: nothing under a locale is prerendered at build time (the build has no
// database); public pages render on their first request and are cached from then on.

export const viewport: Viewport = {
  // The on-screen keyboard shrinks the page instead of covering it: the lab's key row stays above it.
  interactiveWidget: "resizes-content",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#161b23" },
  ],
};

export async function generateMetadata({ params }: LayoutProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) return {};
  const t = await getTranslations({ locale, namespace: "site.meta" });
  return {
    // Canonical links, link previews and share images are absolute from the configured public URL.
    metadataBase: new URL(publicOrigin()),
    title: { default: t("siteName"), template: `%s · ${t("siteName")}` },
    description: t("description"),
    applicationName: t("siteName"),
    manifest: `/${locale}/manifest.webmanifest`,
    appleWebApp: { title: t("siteName"), capable: true, statusBarStyle: "default" },
    openGraph: { siteName: t("siteName"), locale: OG_LOCALE[locale], type: "website" },
    twitter: { card: "summary_large_image" },
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!hasLocale(routing.locales, locale)) notFound();
  setRequestLocale(locale);
  const [t, to] = await Promise.all([getTranslations("site.nav"), getTranslations("site.offline")]);

  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t("skip")}
        </a>
        {/* No global client message provider: pages that need strings on the client scope their own. */}
        <SiteHeader locale={locale} />
        <main id="main" className={styles.main} tabIndex={-1}>
          <NoticesSlot locale={locale} />
          {children}
        </main>
        <SiteFooter />
        <ServiceWorker labels={{ ready: to("updateReady"), reload: to("reload") }} />
      </body>
    </html>
  );
}
