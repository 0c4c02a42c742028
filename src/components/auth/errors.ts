/** better-auth's error codes, mapped to the messages in messages/<locale>/auth.json. */
export type AuthErrorKey = "invalidCredentials" | "exists" | "passwordShort" | "passwordLong" | "email" | "name" | "tooMany" | "network" | "offline" | "other";

export function authErrorKey(error: { code?: string; status?: number } | null | undefined): AuthErrorKey {
  if (!error) return "network";
  if (error.status === 429) return "tooMany";
  switch (error.code) {
    case "INVALID_EMAIL_OR_PASSWORD":
    case "INVALID_PASSWORD":
    case "CREDENTIAL_ACCOUNT_NOT_FOUND":
      return "invalidCredentials";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "exists";
    case "PASSWORD_TOO_SHORT":
      return "passwordShort";
    case "PASSWORD_TOO_LONG":
      return "passwordLong";
    case "INVALID_EMAIL":
      return "email";
    default:
      return "other";
  }
}

/**
 * Where to go after signing in: only a path on this site (never `//host` or `https://…`, which would
 * make the sign-in page an open redirect).
 */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  try {
    const url = new URL(next, "http://x.invalid");
    if (url.origin !== "http://x.invalid") return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
