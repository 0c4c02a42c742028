/**
 * The one Markdown pipeline: question pages, the edit preview and moderation views all render
 * through it, so a preview looks exactly like the published page.
 *
 * Raw HTML in Markdown is dropped (remark-rehype without allowDangerousHtml), the tree is sanitized
 * with GitHub's schema narrowed to safe protocols, and only then are trusted additions made:
 * heading ids, code highlighting, rel on external links.
 */
import type { Element, Root, Text } from "hast";
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { runInLabHref, scriptFromBlock } from "@/lib/lab/script";

/** Longer input is refused rather than rendered slowly: the largest field allowed anywhere is 60,000. */
export const MAX_MARKDOWN_LENGTH = 200_000;

const schema: SanitizeSchema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"], cite: ["http", "https"] },
};

function textOf(node: Element | Text): string {
  if (node.type === "text") return node.value;
  return node.children.map((c) => (c.type === "text" || c.type === "element" ? textOf(c) : "")).join("");
}

/** Letters of any script, digits and dashes: a safe, readable fragment id. */
export function headingSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKC")
      .replace(/[^\p{L}\p{N}\s-]/gu, "")
      .trim()
      .replace(/\s+/g, "-")
      .replace(/-+/g, "-") || "section"
  );
}

export interface Heading {
  depth: 2 | 3 | 4;
  id: string;
  text: string;
}

function rehypeHeadingIds() {
  return (tree: Root, file: { data: Record<string, unknown> }) => {
    const used = new Map<string, number>();
    const headings: Heading[] = [];
    visit(tree, "element", (node: Element) => {
      if (!/^h[2-4]$/.test(node.tagName)) return;
      const text = textOf(node).trim();
      const base = headingSlug(text);
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      const id = n === 0 ? base : `${base}-${n}`;
      node.properties.id = id;
      headings.push({ depth: Number(node.tagName[1]) as Heading["depth"], id, text });
    });
    file.data.headings = headings;
  };
}

function rehypeSafeLinks() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName !== "a" || typeof node.properties.href !== "string") return;
      if (/^https?:\/\//i.test(node.properties.href)) node.properties.rel = ["noopener", "noreferrer", "nofollow"];
    });
  };
}

/** Where "Run in lab" links go: the page's locale, path and title (the section comes from the headings). */
export interface RunInLabOptions {
  locale: string;
  path: string;
  title: string;
  label: string;
}

/**
 * After each bash/sh block that holds commands, a "Run in lab" link carrying them and the section they
 * come from (only when the page asks for it: previews and moderation views render without).
 */
function rehypeRunInLab() {
  return (tree: Root, file: { data: Record<string, unknown> }) => {
    const options = file.data.runInLab as RunInLabOptions | undefined;
    if (!options) return;
    let section = { id: "", text: options.title };
    visit(tree, "element", (node: Element, index, parent) => {
      if (/^h[2-4]$/.test(node.tagName)) section = { id: String(node.properties.id ?? ""), text: textOf(node).trim() };
      if (node.tagName !== "pre" || !parent || index === undefined) return;
      const code = node.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
      const classes = (code?.properties.className as string[] | undefined) ?? [];
      if (!code || !classes.some((c) => c === "language-bash" || c === "language-sh")) return;
      const steps = scriptFromBlock(textOf(code)).slice(0, 100);
      if (steps.length === 0) return;
      const href = runInLabHref(options.locale, {
        steps,
        source: { href: `${options.path}${section.id ? `#${section.id}` : ""}`, title: section.text },
      });
      const link: Element = {
        type: "element",
        tagName: "p",
        properties: { className: ["run-in-lab"] },
        children: [{ type: "element", tagName: "a", properties: { href, dataTestid: "run-in-lab" }, children: [{ type: "text", value: `▶ ${options.label}` }] }],
      };
      parent.children.splice(index + 1, 0, link);
      return [SKIP, index + 2];
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeHeadingIds)
  .use(rehypeSafeLinks)
  .use(rehypeRunInLab)
  .use(rehypeHighlight, { detect: false })
  .use(rehypeStringify)
  .freeze();

/** Sanitized HTML and the outline of its headings (h2–h4, with the ids the HTML carries). */
export async function renderDocument(markdown: string, options: { runInLab?: RunInLabOptions } = {}): Promise<{ html: string; headings: Heading[] }> {
  if (markdown.length > MAX_MARKDOWN_LENGTH) {
    throw new RangeError(`Markdown longer than ${MAX_MARKDOWN_LENGTH} characters is not rendered.`);
  }
  const file = await processor.process({ value: markdown, data: { runInLab: options.runInLab } });
  return { html: String(file), headings: (file.data.headings as Heading[] | undefined) ?? [] };
}

export async function renderMarkdown(markdown: string): Promise<string> {
  return (await renderDocument(markdown)).html;
}
