/**
 * Runs in the browser before any of the app's own code (Next's `instrumentation-client`).
 *
 * zod compiles object parsers with `new Function` when the page allows it, and finds out by trying
 * once: under our Content-Security-Policy (no 'unsafe-eval', see src/lib/csp.mjs) that try is refused
 * and reported as a violation. zod reads its settings from this global when it loads, so asking for
 * its interpreted parsers here, before any schema is made, keeps the policy free of violations.
 */
const scope = globalThis as typeof globalThis & { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true };
