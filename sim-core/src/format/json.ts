/** Go's encoding/json as docker inspect prints it: 4-space indent, and <, >, & escaped as \u003c, \u003e, \u0026. */
export function goJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Go's time.Time JSON form (RFC 3339 with nanoseconds, trailing zeros dropped). */
export function goTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-05T09:00:00.000Z
  const [base, frac] = iso.slice(0, -1).split(".");
  const nanos = `${frac}000000`.replace(/0+$/, "");
  return `${base}${nanos ? `.${nanos}` : ""}Z`;
}

/** A Go map marshals with its keys in sorted order. */
export function goMap<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
}

/** Go's time.Time String() in UTC, as docker's CreatedAt columns print it: `2026-01-05 09:00:00.12 +0000 UTC`. */
export function goTimeString(ms: number): string {
  return goTime(ms).replace("T", " ").replace(/Z$/, " +0000 UTC");
}
