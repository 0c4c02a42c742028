/**
 * Cross-site requests that change something are refused. Browsers send Origin on every POST
 * (same-site included), so a POST whose Origin names another site came from that site's page;
 * a request without Origin is not from a browser page and carries no ambient cookies to abuse.
 */
export function sameOrigin(headers: Headers, allowedOrigins: readonly string[] = []): boolean {
  const origin = headers.get("origin");
  if (!origin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (host && url.host === host) return true;
  return allowedOrigins.some((allowed) => {
    try {
      return new URL(allowed).origin === url.origin;
    } catch {
      return false;
    }
  });
}
