/**
 * The two calls the decision notices make, as plain fetches to the tRPC endpoint (superjson's
 * envelope written by hand): public pages carry neither the tRPC client nor React Query.
 */
export interface Notice {
  id: number;
  outcome: "approved" | "edited" | "rejected";
  locale: "en" | "uk";
  questionSlug: string;
  questionTitle: string;
  reason: { code: string; text: string | null } | null;
  clientKey: string | null;
}

export type SentKey = { id: number; clientKey: string };

const ENDPOINT = "/api/trpc";

export async function listNotices(keys: SentKey[]): Promise<Notice[]> {
  const input = encodeURIComponent(JSON.stringify({ json: { keys } }));
  const response = await fetch(`${ENDPOINT}/notice.list?input=${input}`, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return [];
  const body = (await response.json().catch(() => null)) as { result?: { data?: { json?: unknown } } } | null;
  const list = body?.result?.data?.json;
  return Array.isArray(list) ? (list as Notice[]) : [];
}

export async function dismissNotices(ids: number[], keys: SentKey[]): Promise<boolean> {
  const response = await fetch(`${ENDPOINT}/notice.dismiss`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ json: { ids, keys } }),
    // A dismissal sent as the reader follows the notice's link still arrives.
    keepalive: true,
  });
  return response.ok;
}

/** Fills `{name}` placeholders with values as given (no ICU on the client: the templates are plain). */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
