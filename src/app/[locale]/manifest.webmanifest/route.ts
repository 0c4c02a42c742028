import { routing, type AppLocale } from "@/i18n/routing";
import { localizedManifest } from "@/server/manifest";

// The manifest in the page's language (the layout links the one of its locale); built at build time.
export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function GET(_: Request, { params }: RouteContext<"/[locale]/manifest.webmanifest">) {
  const { locale } = await params;
  return Response.json(await localizedManifest(locale as AppLocale), { headers: { "Content-Type": "application/manifest+json; charset=utf-8" } });
}
