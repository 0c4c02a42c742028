import type { MetadataRoute } from "next";
import { sitemapEntries } from "@/lib/seo/sitemap";
import { publicOrigin } from "@/lib/site-url";
import { getDb } from "@/server/db";
import { listPublishedPages } from "@/server/services/questions";

// Read from the database on each request (one small query): the build has no database, and a
// publication must show in lastmod at once. Crawlers fetch it rarely.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return sitemapEntries(publicOrigin(), await listPublishedPages(await getDb()));
}
