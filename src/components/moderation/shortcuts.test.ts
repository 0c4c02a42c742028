import { describe, expect, it } from "vitest";
import { isTyping, shortcutFor } from "./shortcuts";

const body = { tagName: "BODY" };

describe("shortcutFor", () => {
  it("maps j/k/a/r/e/? on the page", () => {
    expect(["j", "k", "a", "r", "e", "?"].map((key) => shortcutFor({ key, target: body }))).toEqual([
      "next",
      "previous",
      "approve",
      "reject",
      "edit",
      "help",
    ]);
    expect(shortcutFor({ key: "x", target: body })).toBeNull();
    expect(shortcutFor({ key: "A", target: body })).toBeNull();
  });

  it("never fires while typing in a field", () => {
    for (const target of [{ tagName: "TEXTAREA" }, { tagName: "INPUT", type: "text" }, { tagName: "SELECT" }, { tagName: "DIV", isContentEditable: true }]) {
      expect(shortcutFor({ key: "a", target })).toBeNull();
      expect(isTyping(target)).toBe(true);
    }
    // A radio button or a plain button is not a text field: shortcuts still work there.
    expect(shortcutFor({ key: "j", target: { tagName: "INPUT", type: "radio" } })).toBe("next");
    expect(shortcutFor({ key: "j", target: { tagName: "BUTTON" } })).toBe("next");
  });

  it("ignores modified keys, IME composition and handled events", () => {
    expect(shortcutFor({ key: "r", ctrlKey: true, target: body })).toBeNull();
    expect(shortcutFor({ key: "a", metaKey: true, target: body })).toBeNull();
    expect(shortcutFor({ key: "j", altKey: true, target: body })).toBeNull();
    expect(shortcutFor({ key: "j", isComposing: true, target: body })).toBeNull();
    expect(shortcutFor({ key: "j", defaultPrevented: true, target: body })).toBeNull();
  });
});
