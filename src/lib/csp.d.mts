/** Types for csp.mjs (plain JavaScript so that the page cache handler can load it outside the bundle). */
export type ScriptSources = { nonce: string } | { hashes: string[] };
export function cspHeader(scripts: ScriptSources, options?: { dev?: boolean }): string;
export function makeNonce(): string;
export function isNextDataPush(body: string): boolean;
export function sha256(text: string): string;
export function hashPageScripts(
  html: string,
  fileIntegrity: (src: string) => string | null,
): { html: string; hashes: string[]; untrusted: string[] };
