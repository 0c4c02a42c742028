import createMiddleware from "next-intl/middleware";
import { routing } from "./i18n/routing";

// Locale routing: `/` → `/en` or `/uk` (cookie, then Accept-Language), and every page under a locale.
export default createMiddleware(routing);

export const config = {
  matcher: "/((?!api|trpc|_next|_vercel|.*\\..*).*)",
};
