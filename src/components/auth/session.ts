/**
 * The tiny session helpers the header's account menu needs: plain fetches to better-auth's routes,
 * so the public pages do not carry the auth client or React Query.
 */
export interface SessionInfo {
  name: string;
  email: string;
  role: "contributor" | "moderator" | "admin";
}

export async function fetchSession(): Promise<SessionInfo | null> {
  const response = await fetch("/api/auth/get-session", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return null;
  const data = (await response.json().catch(() => null)) as { user?: { name: string; email: string; role?: string } } | null;
  if (!data?.user) return null;
  const role = data.user.role === "moderator" || data.user.role === "admin" ? data.user.role : "contributor";
  return { name: data.user.name, email: data.user.email, role };
}

let once: Promise<SessionInfo | null> | null = null;
/** The session, asked once per page load: the account menu and the decision notices share one request. */
export function sessionOnce(): Promise<SessionInfo | null> {
  once ??= fetchSession().catch(() => null);
  return once;
}

export async function signOut(): Promise<boolean> {
  const response = await fetch("/api/auth/sign-out", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: "{}",
  });
  return response.ok;
}

export const isModeratorRole = (role: string | undefined) => role === "moderator" || role === "admin";

/** Puts a user's name into a "{name}" template; the name is inserted as typed (`$&` and the like stay literal). */
export function fillName(template: string, name: string): string {
  return template.replace("{name}", () => name);
}
