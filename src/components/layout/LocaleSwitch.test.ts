import { describe, expect, it } from "vitest";
import { swapLocale } from "./LocaleSwitch";

describe("swapLocale", () => {
  it("keeps the page and changes only the locale prefix", () => {
    expect(swapLocale("/en/q/docker-overlay-network", "uk")).toBe("/uk/q/docker-overlay-network");
    expect(swapLocale("/uk", "en")).toBe("/en");
    expect(swapLocale("/uk/moderation/history", "en")).toBe("/en/moderation/history");
  });

  it("does not touch a path segment that merely starts like a locale", () => {
    expect(swapLocale("/en/english-notes", "uk")).toBe("/uk/english-notes");
    expect(swapLocale("/england", "uk")).toBe("/uk/england");
  });
});
