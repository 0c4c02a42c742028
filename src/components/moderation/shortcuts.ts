/** The moderation queue's keyboard shortcuts, decided without the DOM so they can be tested. */
export type ShortcutAction = "next" | "previous" | "approve" | "reject" | "edit" | "help";

const KEYS: Record<string, ShortcutAction> = { j: "next", k: "previous", a: "approve", r: "reject", e: "edit", "?": "help" };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TEXT_INPUTS = new Set(["text", "search", "email", "url", "password", "number", "tel", ""]);

/** Whether the key press belongs to a field the moderator is typing in. */
export function isTyping(target: KeyLike["target"]): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? "").toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return TEXT_INPUTS.has((target.type ?? "").toLowerCase());
  return false;
}

/** The action a key press asks for, or null (typing, modifiers, IME composition, other keys). */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping(e.target)) return null;
  return KEYS[e.key] ?? null;
}

export const SHORTCUT_KEYS = Object.entries(KEYS) as [string, ShortcutAction][];
