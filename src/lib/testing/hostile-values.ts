/**
 * Hostile values shared by the fuzzers: the tRPC caller fuzz (src/server/api/fuzz.test.ts) and the HTTP fuzz
 * (e2e/fuzz). Strings that broke something once, or that name prototypes, scripts, paths and encodings.
 */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "\r\n",
  "a".repeat(70_000),
  "> ".repeat(3000) + "x",
  "**_".repeat(2000),
  "<script>alert(1)</script>",
  "'; DROP TABLE suggestions; --",
  "../../etc/passwd",
  "%00%ZZ%E0%A4%A",
  "\uD800",
  "\uFEFF",
  "\u202Eevil",
  "🐳".repeat(500),
  "javascript:alert(1)",
  "//evil.example/",
  "https://evil.example/",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "en",
  "uk",
  "00000000-0000-4000-8000-000000000000",
  "0".repeat(64),
];
export const HOSTILE_NUMBERS = [0, -1, 1, 2 ** 31, 2 ** 31 - 1, 2 ** 53, -(2 ** 53), 1e308, 0.5, -0, 1e-320];
