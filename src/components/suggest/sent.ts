/**
 * What this browser remembers of the suggestions it sent without an account: id, client key and
 * locale. The client key is the only proof of authorship an anonymous contributor has; it opens the
 * private status link and lets the account claim the suggestion at sign-in. Kept in localStorage so
 * it outlives the tab that sent it.
 */
export const SENT_KEY = "overlay-lab:sent-suggestions";
/** Enough for a busy contributor; the oldest are dropped beyond it (the server caps claims at 50). */
const MAX_REMEMBERED = 50;

export interface SentRecord {
  id: number;
  clientKey: string;
  locale: "en" | "uk";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Checked by hand, not with zod: every page's decision notices read this list, and zod would weigh
// more than the rest of those pages' script.
function isRecord(value: unknown): value is SentRecord {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.id === "number" &&
    Number.isInteger(r.id) &&
    r.id > 0 &&
    typeof r.clientKey === "string" &&
    UUID.test(r.clientKey) &&
    (r.locale === "en" || r.locale === "uk")
  );
}

type KeyValue = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function readSent(storage: KeyValue): SentRecord[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SENT_KEY) ?? "[]");
    return Array.isArray(parsed) && parsed.every(isRecord)
      ? parsed.map(({ id, clientKey, locale }) => ({ id, clientKey, locale }))
      : [];
  } catch {
    return [];
  }
}

export function rememberSent(storage: KeyValue, records: SentRecord[]): void {
  const byKey = new Map(readSent(storage).map((r) => [r.clientKey, r]));
  for (const r of records) byKey.set(r.clientKey, r);
  const all = [...byKey.values()].slice(-MAX_REMEMBERED);
  try {
    storage.setItem(SENT_KEY, JSON.stringify(all));
  } catch {
    /* storage full or disabled: the status link on screen still works */
  }
}

/** Forget the ones an account now owns (claimed, or found to belong to an account already). */
export function forgetSent(storage: KeyValue, clientKeys: string[]): void {
  const drop = new Set(clientKeys);
  const left = readSent(storage).filter((r) => !drop.has(r.clientKey));
  try {
    if (left.length === 0) storage.removeItem(SENT_KEY);
    else storage.setItem(SENT_KEY, JSON.stringify(left));
  } catch {
    /* nothing to clean */
  }
}

/** The private status page of one suggestion: its id and the key only its sender holds. */
export function statusPath(locale: "en" | "uk", id: number, clientKey: string): string {
  return `/${locale}/suggestion/${id}?key=${clientKey}`;
}
