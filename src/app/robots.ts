import type { MetadataRoute } from "next";
import { robotsRules } from "@/lib/seo/sitemap";
import { publicOrigin } from "@/lib/site-url";

// The sitemap's address comes from the public URL configured where the server runs, not at build.
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return robotsRules(publicOrigin());
}
