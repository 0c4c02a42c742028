/**
 * The lab's counted messages as the page formats them (next-intl's translator), for the numbers where English
 * and Ukrainian plural forms change: 1, 2, 5, 21, and a share link's real length.
 */
import { describe, expect, it } from "vitest";
import { strictTranslator } from "./testing";

const lab = (locale: "en" | "uk") => strictTranslator(locale, "lab", "lab");
const COUNTS = [1, 2, 5, 21];
/** The part of a message between two markers (the rest is fixed text). */
const between = (text: string, from: string, to: string) => text.slice(text.indexOf(from) + from.length, text.indexOf(to, text.indexOf(from) + from.length));
const nbsp = (s: string) => s.replace(/\u00a0/g, " ");

describe("the lab's plural messages", () => {
  it("ask to start a new cluster with 1 node, 2 nodes … in English", () => {
    const t = lab("en");
    expect(COUNTS.map((count) => t("toolbar.confirmNew", { count }))).toEqual(
      ["1 node", "2 nodes", "5 nodes", "21 nodes"].map((n) => `Start a new cluster with ${n}? This session's commands are cleared.`),
    );
  });

  it("ask to start a new cluster «з 1 вузлом», «з 2 вузлами» … in Ukrainian", () => {
    const t = lab("uk");
    expect(COUNTS.map((count) => between(t("toolbar.confirmNew", { count }), "кластер ", "?"))).toEqual(["з 1 вузлом", "з 2 вузлами", "з 5 вузлами", "з 21 вузлом"]);
  });

  it("say how long a share link is, in characters, in English", () => {
    const t = lab("en");
    const lengths = [...COUNTS, 20881].map((length) => between(t("status.shareTooLong", { length, limit: 16000 }), "(", ")"));
    expect(lengths).toEqual(["1 character", "2 characters", "5 characters", "21 characters", "20,881 characters"].map((n) => `${n}; the limit is 16,000`));
  });

  it("say how long a share link is, in «символ», «символи», «символів», in Ukrainian", () => {
    const t = lab("uk");
    const lengths = [...COUNTS, 20881, 20884].map((length) => nbsp(between(t("status.shareTooLong", { length, limit: 16000 }), "(", ")")));
    expect(lengths).toEqual(["1 символ", "2 символи", "5 символів", "21 символ", "20 881 символ", "20 884 символи"].map((n) => `${n}; межа — 16 000`));
  });
});
