import "server-only";
import { getTranslations } from "next-intl/server";
import { MAX_NODES } from "@/lib/lab/protocol";

/**
 * Each pane's accessible name ("Terminal on node-1", …), formatted on the server for every node the lab can
 * have. Formatted in the browser, the first of them built the ICU message parser on the way to the first
 * prompt (some 8 ms in a new tab); every other message of the lab is formatted after it.
 */
export async function paneLabels(locale: string): Promise<string[]> {
  const t = await getTranslations({ locale, namespace: "lab" });
  return Array.from({ length: MAX_NODES }, (_, i) => t("pane.terminal", { node: `node-${i + 1}` }));
}
