/**
 * What the HTTP fuzz calls besides the pages: every tRPC procedure with one valid input, and every
 * better-auth endpoint. The Playwright process cannot import the router (its modules are
 * server-only), so the lists are written here and a unit test holds them to the app
 * (src/server/http/fuzz-surface.test.ts): same procedures, same kinds, examples its schemas accept,
 * same auth endpoints.
 */

/** Rows of the fuzz's own making, so valid inputs reach the procedures' logic without touching other suites' data. */
export interface Fixture {
  /** A question only the fuzz publishes to. */
  slug: string;
  /** Its published revisions. */
  revisionIds: { en: number; uk: number };
  /** A pending suggestion on it, sent anonymously with `clientKey`. */
  suggestionId: number;
  clientKey: string;
  /** An image the fuzz uploaded. */
  imageId: string;
  /** The fuzz's reader's email. */
  readerEmail: string;
}

type Example = (f: Fixture, uuid: string) => unknown;
export interface ProcedureSpec {
  type: "query" | "mutation";
  /** A valid input; `uuid` is a fresh key from the generator. Undefined for procedures without input. */
  example?: Example;
}

const page = { limit: 5 };
const title = (uuid: string) => `Fuzz title ${uuid.slice(0, 8)}`;

export const PROCEDURES: Record<string, ProcedureSpec> = {
  "question.list": { type: "query", example: () => ({ locale: "en" }) },
  "question.bySlug": { type: "query", example: (f) => ({ locale: "uk", slug: f.slug }) },
  "suggestion.submit": {
    type: "mutation",
    example: (f, uuid) => ({ questionSlug: f.slug, locale: "en", baseRevisionId: f.revisionIds.en, changes: { title: title(uuid) }, clientKey: uuid }),
  },
  "suggestion.preview": { type: "mutation", example: () => ({ markdown: "Some *emphasis* and `code`.\n\n- a list" }) },
  "suggestion.mine": { type: "query", example: () => page },
  "suggestion.get": { type: "query", example: (f) => ({ id: f.suggestionId, clientKey: f.clientKey }) },
  "suggestion.claim": { type: "mutation", example: (_f, uuid) => ({ clientKeys: [uuid] }) },
  "suggestion.resubmit": {
    type: "mutation",
    example: (f, uuid) => ({ suggestionId: f.suggestionId, baseRevisionId: f.revisionIds.en, changes: { title: title(uuid) }, clientKey: uuid }),
  },
  "moderation.queue": { type: "query", example: (f) => ({ ...page, questionSlug: f.slug, locale: "en" }) },
  "moderation.get": { type: "query", example: (f) => ({ id: f.suggestionId }) },
  "moderation.approve": { type: "mutation", example: (f) => ({ id: f.suggestionId }) },
  "moderation.reject": { type: "mutation", example: (f) => ({ id: f.suggestionId, reasonCode: "unclear", reasonText: "Fuzzed." }) },
  "moderation.audit": { type: "query", example: (f) => ({ ...page, questionSlug: f.slug }) },
  "revision.history": { type: "query", example: (f) => ({ ...page, questionSlug: f.slug, locale: "en" }) },
  "revision.compare": { type: "query", example: (f) => ({ fromRevisionId: f.revisionIds.en, toRevisionId: f.revisionIds.uk }) },
  "revision.translationStatus": { type: "query", example: (f) => ({ questionSlug: f.slug, locale: "uk" }) },
  "revision.rollback": { type: "mutation", example: (f) => ({ revisionId: f.revisionIds.en, reason: "Fuzzed rollback." }) },
  "account.me": { type: "query" },
  // Only an admin may; the fuzz has none, and its example would only make its own reader a contributor again.
  "account.setRole": { type: "mutation", example: (f) => ({ email: f.readerEmail, role: "contributor" }) },
  "quiz.syncProgress": { type: "mutation", example: () => ({ app: "overlay-lab-quiz", version: 1, attempts: {}, cards: {}, interviews: [] }) },
  "quiz.reviewQueue": { type: "query", example: () => ({ locale: "en" }) },
  // An item that does not exist: the quiz suite (run alongside) must find the real queue as it left it.
  "quiz.markReviewed": { type: "mutation", example: () => ({ id: "fuzz-no-such-item" }) },
  "notice.list": { type: "query", example: (f) => ({ keys: [{ id: f.suggestionId, clientKey: f.clientKey }] }) },
  "notice.dismiss": { type: "mutation", example: (f) => ({ ids: [f.suggestionId], keys: [{ id: f.suggestionId, clientKey: f.clientKey }] }) },
  "exercises.syncProgress": { type: "mutation", example: () => ({ app: "overlay-lab-exercises", version: 1, exercises: {} }) },
};

/** better-auth's endpoints as the app configures it (email and password, no plugins), under /api/auth. */
export const AUTH_ENDPOINTS: { path: string; methods: ("GET" | "POST")[] }[] = [
  { path: "/sign-in/social", methods: ["POST"] },
  { path: "/callback/:id", methods: ["GET", "POST"] },
  { path: "/get-session", methods: ["GET", "POST"] },
  { path: "/sign-out", methods: ["POST"] },
  { path: "/sign-up/email", methods: ["POST"] },
  { path: "/sign-in/email", methods: ["POST"] },
  { path: "/reset-password", methods: ["POST"] },
  { path: "/verify-password", methods: ["POST"] },
  { path: "/verify-email", methods: ["GET"] },
  { path: "/send-verification-email", methods: ["POST"] },
  { path: "/change-email", methods: ["POST"] },
  { path: "/change-password", methods: ["POST"] },
  { path: "/update-session", methods: ["POST"] },
  { path: "/update-user", methods: ["POST"] },
  { path: "/delete-user", methods: ["POST"] },
  { path: "/request-password-reset", methods: ["POST"] },
  { path: "/reset-password/:token", methods: ["GET"] },
  { path: "/list-sessions", methods: ["GET"] },
  { path: "/revoke-session", methods: ["POST"] },
  { path: "/revoke-sessions", methods: ["POST"] },
  { path: "/revoke-other-sessions", methods: ["POST"] },
  { path: "/link-social", methods: ["POST"] },
  { path: "/list-accounts", methods: ["GET"] },
  { path: "/delete-user/callback", methods: ["GET"] },
  { path: "/unlink-account", methods: ["POST"] },
  { path: "/refresh-token", methods: ["POST"] },
  { path: "/get-access-token", methods: ["POST"] },
  { path: "/account-info", methods: ["GET"] },
  { path: "/ok", methods: ["GET"] },
  { path: "/error", methods: ["GET"] },
];

/**
 * Endpoints that can end the caller's session or change its password: sent only anonymously or with
 * a throwaway account's session, so the reader and the moderator stay signed in for the whole run.
 */
export const SESSION_ENDING = new Set(["/sign-out", "/revoke-sessions", "/revoke-other-sessions", "/delete-user", "/change-password", "/change-email", "/update-session"]);

/** A valid-looking body for each auth endpoint, for the fuzz to start its mutations from. */
export function authExample(path: string, uuid: string, f: Fixture): Record<string, unknown> {
  const email = `fuzz-${uuid.replaceAll("-", "").slice(-12)}@example.test`;
  const password = `pw-${uuid}`;
  switch (path) {
    case "/sign-up/email":
      return { name: `Fuzz ${uuid.slice(0, 4)}`, email, password };
    case "/sign-in/email":
      return { email: f.readerEmail, password, rememberMe: true };
    case "/sign-in/social":
    case "/link-social":
      return { provider: "github", callbackURL: "/en" };
    case "/reset-password":
      return { newPassword: password, token: uuid };
    case "/request-password-reset":
      return { email, redirectTo: "/en" };
    case "/verify-password":
      return { password };
    case "/send-verification-email":
      return { email, callbackURL: "/en" };
    case "/change-email":
      return { newEmail: email, callbackURL: "/en" };
    case "/change-password":
      return { currentPassword: password, newPassword: `${password}!`, revokeOtherSessions: true };
    case "/update-user":
      return { name: `Fuzz ${uuid.slice(0, 4)}` };
    case "/delete-user":
      return { password, callbackURL: "/en" };
    case "/revoke-session":
      return { token: uuid };
    case "/unlink-account":
      return { providerId: "github", accountId: uuid };
    case "/refresh-token":
    case "/get-access-token":
      return { providerId: "github" };
    default:
      return {};
  }
}
