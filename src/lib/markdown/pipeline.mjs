// @ts-check
/**
 * The one Markdown pipeline: question pages, the edit preview and moderation views all render
 * through it, so a preview looks exactly like the published page. It runs inside a worker thread
 * (render-worker.mjs) under a time budget, which is why it is plain JavaScript: Node loads it as is,
 * in `next start`, `next dev` and the tests alike.
 *
 * Raw HTML in Markdown is dropped (remark-rehype without allowDangerousHtml), the tree is sanitized
 * with GitHub's schema narrowed to safe protocols, and only then are trusted additions made:
 * heading ids, code highlighting, rel on external links, images from other sites turned into links.
 */
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";

/**
 * The deepest tree the later stages (all recursive) are given. Deeper input (3,000 nested quotes)
 * overflowed the stack; the submit-time limits (limits.ts) stop far below this.
 */
export const MAX_TREE_DEPTH = 64;

/** @type {import("rehype-sanitize").Options} */
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: ["http", "https"], cite: ["http", "https"] },
};

/** @param {any} node @returns {string} */
function textOf(node) {
  // Iterative: heading text can be nested as deep as the tree allows.
  let out = "";
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (n.type === "text") out += n.value;
    else if (n.type === "element") for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/** Letters of any script, digits and dashes: a safe, readable fragment id. @param {string} text */
export function headingSlug(text) {
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

function rehypeHeadingIds() {
  /** @param {any} tree @param {{ data: Record<string, unknown> }} file */
  return (tree, file) => {
    const used = new Map();
    /** @type {{ depth: number; id: string; text: string }[]} */
    const headings = [];
    visit(tree, "element", (/** @type {any} */ node) => {
      if (!/^h[2-4]$/.test(node.tagName)) return;
      const text = textOf(node).trim();
      const base = headingSlug(text);
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      const id = n === 0 ? base : `${base}-${n}`;
      node.properties.id = id;
      headings.push({ depth: Number(node.tagName[1]), id, text });
    });
    file.data.headings = headings;
  };
}

function rehypeSafeLinks() {
  /** @param {any} tree */
  return (tree) => {
    visit(tree, "element", (/** @type {any} */ node) => {
      if (node.tagName !== "a" || typeof node.properties.href !== "string") return;
      if (/^https?:\/\//i.test(node.properties.href)) node.properties.rel = ["noopener", "noreferrer", "nofollow"];
    });
  };
}

class TooDeep extends Error {}

/** Refuses, before any recursive stage runs, a tree deeper than MAX_TREE_DEPTH. */
function remarkDepthGuard() {
  return (/** @type {any} */ tree) => {
    if (treeDepth(tree) > MAX_TREE_DEPTH) throw new TooDeep();
  };
}

/** Whether an image address is on this site (a path, not another host): loading it tells no one else. */
const sameSiteSrc = (/** @type {string} */ src) => src.startsWith("/") && !src.startsWith("//") && !src.startsWith("/\\");

/**
 * Images from other sites would let their owner see who reads or moderates a text (and when): they
 * become links to the image instead, which load only if the reader chooses. Our own uploads
 * (/api/images/…) and other same-site paths stay images.
 */
function rehypeOwnImagesOnly() {
  return (/** @type {any} */ tree) => {
    // An image inside a link becomes its text (a link in a link is not HTML).
    const inLinks = new Set();
    visit(tree, "element", (/** @type {any} */ a) => {
      if (a.tagName === "a") visit(a, "element", (/** @type {any} */ n) => void (n.tagName === "img" && inLinks.add(n)));
    });
    visit(tree, "element", (/** @type {any} */ node) => {
      if (node.tagName !== "img") return;
      const src = typeof node.properties.src === "string" ? node.properties.src : "";
      if (sameSiteSrc(src)) return;
      const alt = typeof node.properties.alt === "string" && node.properties.alt.trim() ? node.properties.alt : src || "image";
      const link = src && !inLinks.has(node);
      node.tagName = link ? "a" : "span";
      node.properties = link ? { href: src, rel: ["noopener", "noreferrer", "nofollow"] } : {};
      node.children = [{ type: "text", value: alt }];
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkDepthGuard)
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(rehypeOwnImagesOnly)
  .use(rehypeHeadingIds)
  .use(rehypeSafeLinks)
  .use(rehypeHighlight, { detect: false })
  .use(rehypeStringify)
  .freeze();

/** Depth of a tree, measured without recursion (the point is to refuse trees recursion cannot take). */
export function treeDepth(/** @type {any} */ root) {
  let max = 0;
  /** @type {[any, number][]} */
  const stack = [[root, 0]];
  while (stack.length) {
    const [node, depth] = /** @type {[any, number]} */ (stack.pop());
    if (depth > max) max = depth;
    if (node.children) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * Sanitized HTML and the outline of its headings (h2–h4, with the ids the HTML carries), or
 * `{ error: "too-deep" }` for a tree the recursive stages could not take.
 * @param {string} markdown
 */
export function renderSync(markdown) {
  try {
    const file = processor.processSync(markdown);
    return { html: String(file), headings: /** @type {Heading[]} */ (file.data.headings ?? []) };
  } catch (error) {
    if (error instanceof TooDeep) return { error: /** @type {const} */ ("too-deep") };
    throw error;
  }
}

/** @typedef {{ depth: 2 | 3 | 4; id: string; text: string }} Heading */
