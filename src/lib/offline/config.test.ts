import { describe, expect, it } from "vitest";
import { isOfflinePage, OFFLINE_FILES, PRECACHED_PAGES } from "./config";

describe("what the service worker keeps for offline use", () => {
  it("keeps the pages a reader opens by route, including exercises added later", () => {
    for (const p of ["/en", "/uk/", "/en/q/docker-overlay-network", "/uk/q/overlay-vs-bridge/suggest", "/en/lab", "/uk/exercises", "/en/exercises/encrypted-overlay", "/uk/quiz", "/en/signin"]) {
      expect(isOfflinePage(p), p).toBe(true);
    }
  });
  it("keeps nothing per-account or private, and no API", () => {
    for (const p of ["/en/moderation", "/uk/account/suggestions", "/en/suggestion/12", "/api/trpc/x", "/fr/lab", "/en/q/A%20b"]) {
      expect(isOfflinePage(p), p).toBe(false);
    }
  });
  it("stores the lab and the exercises in every language at install, and the icons and manifests", () => {
    expect(PRECACHED_PAGES).toEqual(["/en/lab", "/en/exercises", "/uk/lab", "/uk/exercises"]);
    expect(OFFLINE_FILES).toEqual(expect.arrayContaining(["/favicon.ico", "/icon.svg", "/apple-icon.png", "/en/manifest.webmanifest", "/uk/manifest.webmanifest"]));
  });
});
