/**
 * The caller's address, for rate limits. X-Forwarded-For is written left to right by each hop, and
 * the client writes the first entries itself: only the entries our own proxies appended can be
 * believed. With `trustedProxies` proxies in front, the client is that many entries from the right.
 * A platform header that the platform overwrites (`ipHeader`) is believed as it is.
 */
export interface ClientIpOptions {
  trustedProxies: number;
  ipHeader?: string;
}

export function clientIpFrom(headers: Headers, { trustedProxies, ipHeader }: ClientIpOptions): string {
  if (ipHeader) {
    const platform = headers.get(ipHeader)?.split(",").at(-1)?.trim();
    if (platform) return platform;
  }
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) return headers.get("x-real-ip")?.trim() || "unknown";
  // Fewer entries than proxies: the request came through fewer hops; the left-most is the best we have.
  return hops[Math.max(0, hops.length - trustedProxies)];
}
