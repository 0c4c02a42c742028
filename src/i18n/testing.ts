/**
 * For tests: a translator over one messages file of a locale, as next-intl formats them on the page, that throws
 * on any formatting error (a missing key or argument, a message that does not parse) instead of printing the key.
 */
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "use-intl/core";

const root = path.join(import.meta.dirname, "../..");

export function strictTranslator(locale: "en" | "uk", file: string, namespace: string) {
  const messages = { [file]: JSON.parse(fs.readFileSync(path.join(root, "messages", locale, `${file}.json`), "utf8")) };
  return createTranslator({
    locale,
    messages,
    namespace: namespace as never,
    onError: (e) => {
      throw e;
    },
  });
}
