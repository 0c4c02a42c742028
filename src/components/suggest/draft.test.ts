import { describe, expect, it } from "vitest";
import { MARKDOWN_LIMITS } from "@/lib/markdown/limits";
import { bodySchema, submitInput, titleSchema } from "@/server/api/schemas/suggestion";
import {
  changedLocales,
  changesOf,
  fieldProblem,
  imageFileProblem,
  problemParams,
  isDirty,
  newDraft,
  problemList,
  problemsOf,
  restoreDraft,
  shownImage,
  storageKey,
  type Original,
} from "./draft";

const en: Original = { revisionId: 1, title: "What is overlay?", shortAnswer: "Multi-host.", body: "## Theory\n", imageUrl: null };
const uk: Original = { revisionId: 2, title: "Що таке overlay?", shortAnswer: "Кілька хостів.", body: "## Теорія\n", imageUrl: "/api/images/" + "a".repeat(64) };
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
const fresh = () => newDraft("docker-overlay", { en, uk }, "uk", uuid);
const upload = { op: "upload" as const, uploadId: "b".repeat(64), url: "/api/images/" + "b".repeat(64) };

describe("changesOf", () => {
  it("is empty for the untouched text, so the form can refuse an empty submission", () => {
    const d = fresh();
    expect(changesOf(d.originals.uk, d.tabs.uk)).toEqual({});
    expect(changedLocales(d)).toEqual([]);
    expect(isDirty(d)).toBe(false);
  });

  it("holds only the fields that differ, with newlines normalised", () => {
    const d = fresh();
    d.tabs.uk.shortAnswer = "Кілька хостів, VXLAN.";
    d.tabs.uk.body = "## Теорія\r\n"; // same text typed on Windows: not a change
    expect(changesOf(d.originals.uk, d.tabs.uk)).toEqual({ shortAnswer: "Кілька хостів, VXLAN." });
  });

  it("sends an image removal only when there is an image, and an upload only when it differs", () => {
    const d = fresh();
    d.tabs.en.image = { op: "remove" };
    expect(changesOf(d.originals.en, d.tabs.en)).toEqual({});
    d.tabs.uk.image = { op: "remove" };
    expect(changesOf(d.originals.uk, d.tabs.uk)).toEqual({ image: { op: "remove" } });
    d.tabs.uk.image = upload;
    expect(changesOf(d.originals.uk, d.tabs.uk)).toEqual({ image: { op: "upload", uploadId: "b".repeat(64) } });
    expect(shownImage(d.originals.uk, d.tabs.uk)).toBe(upload.url);
    d.tabs.uk.image = { op: "upload", uploadId: "a".repeat(64), url: uk.imageUrl! };
    expect(changesOf(d.originals.uk, d.tabs.uk)).toEqual({});
  });

  it("keeps each tab's edits apart and lists the active locale first", () => {
    const d = fresh();
    d.tabs.en.title = "What is a Docker overlay?";
    d.tabs.uk.title = "Що таке Docker overlay?";
    expect(changedLocales(d)).toEqual(["uk", "en"]);
    d.active = "en";
    expect(changedLocales(d)).toEqual(["en", "uk"]);
    expect(d.clientKeys.en).not.toBe(d.clientKeys.uk);
  });

  it("produces input the server's schema accepts", () => {
    const d = fresh();
    d.tabs.uk.body = "## Теорія\nНове.\n";
    const input = { questionSlug: d.slug, locale: "uk", baseRevisionId: d.originals.uk.revisionId, changes: changesOf(d.originals.uk, d.tabs.uk), clientKey: d.clientKeys.uk };
    expect(submitInput.safeParse(input).success).toBe(true);
  });
});

describe("field problems", () => {
  it("classifies what the server would refuse", () => {
    expect(fieldProblem("title", "  ")).toBe("empty");
    expect(fieldProblem("title", "two\nlines")).toBe("singleLine");
    expect(fieldProblem("title", "x".repeat(201))).toBe("tooLong");
    expect(fieldProblem("body", "bad\u0000byte")).toBe("control");
    expect(fieldProblem("body", "tab\tand\nnewline, Кирилиця 🐳 \u200d")).toBeNull();
    expect(fieldProblem("note", "")).toBeNull();
    expect(fieldProblem("note", "x".repeat(2001))).toBe("tooLong");
  });

  it("classifies the Markdown and title problems the server refuses, each with the numbers its message shows", () => {
    const body = "Intro\n\n" + "> ".repeat(3_000) + "x";
    expect(fieldProblem("body", body)).toBe("nesting");
    expect(problemParams("body", body)).toEqual({ max: 60_000, limit: 8, line: 3, found: 3_000 });
    expect(bodySchema.safeParse(body).success).toBe(false);
    expect(fieldProblem("shortAnswer", "**_".repeat(100))).toBe("emphasisNesting");
    expect(fieldProblem("body", "[".repeat(6) + "a")).toBe("bracketNesting");
    expect(fieldProblem("body", "> quote\n\n- a\n  - b\n\n**bold** _it_")).toBeNull();
    // Titles are not Markdown; their own rules apply.
    expect(fieldProblem("title", "> ".repeat(20) + "x")).toBeNull();
    expect(fieldProblem("title", "invoice\u202Efdp.exe")).toBe("direction");
    expect(fieldProblem("title", "half \uD800 pair")).toBe("brokenChar");
    expect(titleSchema.safeParse("invoice\u202Efdp.exe").success).toBe(false);
  });

  it("has a message for every problem in both languages", async () => {
    const kinds = ["empty", "tooLong", "singleLine", "control", "brokenChar", "direction", ...Object.keys(MARKDOWN_LIMITS)];
    for (const locale of ["en", "uk"]) {
      const { problems } = (await import(`../../../messages/${locale}/suggest.json`)).default as { problems: Record<string, string> };
      expect(Object.keys(problems).sort(), locale).toEqual([...kinds].sort());
    }
  });

  it("checks only changed fields of the submitted tab, plus the note", () => {
    const d = fresh();
    d.tabs.uk.title = "";
    d.tabs.en.body = "";
    d.note = "\u0007";
    expect(problemsOf(d, "uk")).toEqual({ title: "empty", note: "control" });
  });

  it("lists the problems of the sent locales in page order, the shared note once and last", () => {
    const d = fresh();
    d.tabs.uk.body = "";
    d.tabs.uk.title = "x".repeat(201);
    d.tabs.en.shortAnswer = " ";
    d.note = "\u0007";
    expect(problemList(d, ["uk", "en"])).toEqual([
      { locale: "uk", field: "title", problem: "tooLong" },
      { locale: "uk", field: "body", problem: "empty" },
      { locale: "en", field: "shortAnswer", problem: "empty" },
      { locale: "uk", field: "note", problem: "control" },
    ]);
    d.note = "";
    expect(problemList(d, ["en"])).toEqual([{ locale: "en", field: "shortAnswer", problem: "empty" }]);
  });
});

describe("restoreDraft", () => {
  it("brings back everything typed when the published text did not change", () => {
    const d = fresh();
    d.tabs.uk.body = "Чернетка";
    d.note = "Джерело: docs.docker.com";
    d.tabs.en.image = upload;
    const r = restoreDraft(JSON.stringify(d), "docker-overlay", { en, uk });
    expect(r?.outdated).toEqual([]);
    expect(r?.draft).toEqual(d);
  });

  it("keeps edits on their old base (flagged) and moves untouched tabs to the new text", () => {
    const d = fresh();
    d.tabs.uk.body = "Чернетка";
    const newer = { en: { ...en, revisionId: 10, title: "New EN" }, uk: { ...uk, revisionId: 11, body: "new" } };
    const r = restoreDraft(JSON.stringify(d), "docker-overlay", newer)!;
    expect(r.outdated).toEqual(["uk"]);
    expect(r.draft.originals.uk.revisionId).toBe(2);
    expect(r.draft.tabs.uk.body).toBe("Чернетка");
    expect(r.draft.originals.en.revisionId).toBe(10);
    expect(r.draft.tabs.en.title).toBe("New EN");
  });

  it("ignores another question's draft and anything unreadable", () => {
    const d = fresh();
    expect(restoreDraft(JSON.stringify(d), "other-question", { en, uk })).toBeNull();
    expect(restoreDraft("{not json", "docker-overlay", { en, uk })).toBeNull();
    expect(restoreDraft(JSON.stringify({ ...d, clientKeys: { en: "x", uk: "y" } }), "docker-overlay", { en, uk })).toBeNull();
    expect(restoreDraft(null, "docker-overlay", { en, uk })).toBeNull();
    expect(storageKey("docker-overlay")).toContain("docker-overlay");
  });
});

describe("imageFileProblem", () => {
  it("accepts PNG, JPEG and WebP up to the cap, refuses other types and larger files", () => {
    expect(imageFileProblem({ type: "image/png", size: 1000 })).toBeNull();
    expect(imageFileProblem({ type: "image/webp", size: 2 * 1024 * 1024 })).toBeNull();
    expect(imageFileProblem({ type: "image/jpeg", size: 2 * 1024 * 1024 + 1 })).toBe("size");
    expect(imageFileProblem({ type: "image/svg+xml", size: 10 })).toBe("type");
    expect(imageFileProblem({ type: "text/plain", size: 10 })).toBe("type");
  });
});
