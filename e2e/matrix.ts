/**
 * The locales and widths the suggest-and-moderate specs run at. CI pairs them — Ukrainian on a phone (the
 * longest words on the narrowest screen) and English on a desktop — to keep a full run within its time;
 * E2E_MATRIX=full runs every locale at every width:
 *
 *   E2E_MATRIX=full npx playwright test e2e/suggest.spec.ts e2e/notices.spec.ts e2e/section-edit.spec.ts e2e/translation-source.spec.ts
 */
export const LOCALE_WIDTHS: readonly (readonly ["en" | "uk", number])[] =
  process.env.E2E_MATRIX === "full"
    ? [["en", 390], ["uk", 390], ["en", 1280], ["uk", 1280]]
    : [["uk", 390], ["en", 1280]];
