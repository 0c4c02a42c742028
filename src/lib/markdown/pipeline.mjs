// @ts-check
/**
 * The one Markdown pipeline: question pages, the edit preview and moderation views all render
 * through it, so a preview looks exactly like the published page. It runs inside a worker thread
 * (render-worker.mjs) under a time budget, which is why it is plain JavaScript: Node loads it as is,
 * in `next start`, `next dev` and the tests alike.
 *
 * markdown-it parses (CommonMark, with GFM tables, strikethrough, autolinks of bare URLs, task lists
 * and footnotes) into a flat list of tokens; one pass over that list (`postProcess`) then applies the
 * safety rules before anything is rendered, and the renderer writes only what the rules below allow:
 *
 * - Raw HTML in Markdown is dropped, not shown as text: its tokens render as nothing (as GitHub and
 *   the earlier pipeline do), so `<b>x</b>` shows "x" and `<script>…</script>` shows nothing.
 * - Links go only to http, https and mailto addresses, or to paths, queries and fragments of this
 *   site (`safeUrl`); any other link keeps its text but loses its address. External links get
 *   `rel="noopener noreferrer nofollow"`.
 * - Images show only from this site; another site's image becomes a link to it (`safeInline`).
 * - Headings h2–h4 get unique ids from their text (the outline); footnote ids carry GitHub's
 *   `user-content-` prefix, so a footnote cannot take the id of a heading or of the page around it.
 * - Fenced code is highlighted by highlight.js when its language is known, never guessed.
 *
 * markdown-it renders iteratively and parses nested blocks and links at most `maxNesting` (100)
 * deep, silently flattening what lies deeper; a text nested deeper than MAX_TREE_DEPTH is refused
 * outright instead ("too-deep"), measured on the tokens before anything is rendered.
 */
import hljs from "highlight.js/lib/core";
import arduino from "highlight.js/lib/languages/arduino";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import csharp from "highlight.js/lib/languages/csharp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import graphql from "highlight.js/lib/languages/graphql";
import ini from "highlight.js/lib/languages/ini";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import kotlin from "highlight.js/lib/languages/kotlin";
import less from "highlight.js/lib/languages/less";
import lua from "highlight.js/lib/languages/lua";
import makefile from "highlight.js/lib/languages/makefile";
import markdown from "highlight.js/lib/languages/markdown";
import objectivec from "highlight.js/lib/languages/objectivec";
import perl from "highlight.js/lib/languages/perl";
import php from "highlight.js/lib/languages/php";
import plaintext from "highlight.js/lib/languages/plaintext";
import python from "highlight.js/lib/languages/python";
import r from "highlight.js/lib/languages/r";
import ruby from "highlight.js/lib/languages/ruby";
import rust from "highlight.js/lib/languages/rust";
import scss from "highlight.js/lib/languages/scss";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import swift from "highlight.js/lib/languages/swift";
import typescript from "highlight.js/lib/languages/typescript";
import vbnet from "highlight.js/lib/languages/vbnet";
import wasm from "highlight.js/lib/languages/wasm";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";

/**
 * The deepest tree a text may have (block quotes, lists, emphasis and links inside each other,
 * counted as the levels of the HTML it would become). The submit-time limits (limits.ts) stop far
 * below this; deeper stored text is refused rather than rendered cut short.
 */
export const MAX_TREE_DEPTH = 64;

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

// ── highlighting ────────────────────────────────────────────────────────────────────────────────

// The common languages (those rehype-highlight registered before), in an instance of our own.
const highlighter = hljs.newInstance();
for (const [name, language] of Object.entries({
  arduino, bash, c, cpp, csharp, css, diff, go, graphql, ini, java, javascript, json, kotlin, less, lua, makefile,
  markdown, objectivec, perl, php, plaintext, python, r, ruby, rust, scss, shell, sql, swift, typescript, vbnet, wasm, xml, yaml,
})) {
  highlighter.registerLanguage(name, language);
}

// ── the parser ──────────────────────────────────────────────────────────────────────────────────

const options = {
  // Raw HTML is parsed (so that it ends where CommonMark says) and then rendered as nothing.
  html: true,
  linkify: true,
  // Deeper than MAX_TREE_DEPTH, so that anything it would cut short is refused first.
  maxNesting: 100,
};
const md = new MarkdownIt("default", options).use(footnote);

const { escapeHtml, unescapeAll } = md.utils;
const { mdurl } = md.utils.lib;

// Every address is judged after parsing, by safeUrl: markdown-it's own check would leave
// `[x](javascript:…)` as bracketed source text, where we keep the link's text without its address.
md.validateLink = () => true;
// Bare URLs are linked as GFM does: http(s)://…, www.… and e-mail addresses; not "//host", ftp://
// or a bare domain ("docker.io").
md.linkify.set({ fuzzyLink: false }).add("//", null).add("ftp:", null);
md.linkify.add("www.", {
  validate(text, pos, self) {
    // The host and path of an http:// link (linkify-it's own expressions), right after "www.".
    // (linkify-it's `re` holds the sources of its expressions, though its types say RegExp.)
    const sources = /** @type {Record<string, string>} */ (/** @type {unknown} */ (self.re));
    const re = (wwwTail ??= new RegExp(sources.src_host_port_strict + sources.src_path, "iy"));
    re.lastIndex = pos;
    const m = re.exec(text);
    return m ? m[0].length : 0;
  },
  normalize(match) {
    match.url = `http://${match.url}`;
  },
});
/** @type {RegExp | undefined} */
let wwwTail;
// `^[inline footnotes]` are not GFM.
md.inline.ruler.disable("footnote_inline");
md.core.ruler.at("footnote_tail", footnoteTail);

/**
 * markdown-it-footnote's last step, in linear time: definitions leave the text, and the footnotes
 * that are referenced follow it in the order of their first reference, each with a link back to
 * every reference. (The plugin's own step copies the whole token list once per footnote: 3,000
 * footnotes took half a second.)
 * @param {import("markdown-it").StateCore} state
 */
function footnoteTail(state) {
  /** @type {{ list?: { label?: string; count: number }[] } | undefined} */
  const notes = state.env.footnotes;
  if (!notes) return;
  /** @type {Map<string, Token[]>} */
  const definitions = new Map();
  /** @type {Token[]} */
  const tokens = [];
  /** @type {Token[] | null} */
  let definition = null;
  for (const token of state.tokens) {
    if (token.type === "footnote_reference_open") definitions.set(token.meta.label, (definition = []));
    else if (token.type === "footnote_reference_close") definition = null;
    else (definition ?? tokens).push(token);
  }
  state.tokens = tokens;
  if (!notes.list) return;

  tokens.push(new state.Token("footnote_block_open", "", 1));
  notes.list.forEach((note, id) => {
    const open = new state.Token("footnote_open", "", 1);
    open.meta = { id, label: note.label };
    tokens.push(open);
    for (const token of (note.label !== undefined && definitions.get(note.label)) || []) tokens.push(token);
    // The links back go at the end of the footnote's last paragraph.
    const paragraphEnd = tokens[tokens.length - 1].type === "paragraph_close" ? tokens.pop() : undefined;
    for (let subId = 0; subId < Math.max(1, note.count); subId++) {
      const anchor = new state.Token("footnote_anchor", "", 0);
      anchor.meta = { id, subId, label: note.label };
      tokens.push(anchor);
    }
    if (paragraphEnd) tokens.push(paragraphEnd);
    tokens.push(new state.Token("footnote_close", "", -1));
  });
  tokens.push(new state.Token("footnote_block_close", "", -1));
}

// ── addresses ───────────────────────────────────────────────────────────────────────────────────

const LINK_SCHEMES = ["http", "https", "mailto"];
const IMAGE_SCHEMES = ["http", "https"];

/** One reading of an address: allowed if its scheme is listed, or if it has none and stays on this host. */
function safeReading(/** @type {string} */ url, /** @type {string[]} */ schemes) {
  // Browsers drop tabs and newlines anywhere in an address ("java\tscript:" is "javascript:"):
  // no control character at all, then.
  if (/[\u0000-\u001f\u007f]/.test(url)) return false;
  const u = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u);
  if (scheme) return schemes.includes(scheme[1].toLowerCase());
  // No valid scheme, yet a colon before the path ("java script:", "јavascript:"): not a path either.
  if (/^[^/?#]*:/.test(u)) return false;
  // "//host" and "/\host" (browsers read "\" as "/") lead to another host.
  return !/^[\\/]{2}/.test(u);
}

/**
 * Whether an address, as markdown-it normalized it (character references decoded, the rest
 * percent-encoded), may be a link's or image's target. It is read twice, as written and with its
 * percent-escapes decoded, and both readings must pass: what one reading hides the other shows.
 * @param {string} url @param {string[]} [schemes]
 */
export function safeUrl(url, schemes = LINK_SCHEMES) {
  return safeReading(url, schemes) && safeReading(decodePercent(url), schemes);
}

/** Every valid percent-escape decoded (UTF-8); invalid ones are left as they are. */
const decodePercent = (/** @type {string} */ url) => mdurl.decode(url, "");

/** A path on this site (not "//host" or "/\host"): an image there tells no one else who looks at it. */
const sameSitePath = (/** @type {string} */ url) => safeUrl(url, IMAGE_SCHEMES) && /^\/(?![\\/])/.test(url) && /^\/(?![\\/])/.test(decodePercent(url));

const externalHttp = (/** @type {string} */ url) => /^https?:/i.test(url.trim());
const REL = "noopener noreferrer nofollow";

// ── the pass over the tokens ────────────────────────────────────────────────────────────────────

class TooDeep extends Error {}

/** @typedef {import("markdown-it").Token} Token */
/** @typedef {{ depth: 2 | 3 | 4; id: string; text: string }} Heading */
/** @typedef {{ headings: Heading[] }} Env */

/**
 * The one pass over the tokens, after markdown-it's own core rules (footnotes are in place by then):
 * refuses a tree deeper than MAX_TREE_DEPTH, then gives headings their ids, judges links and images,
 * marks task-list items and turns table alignment into attributes.
 * @param {import("markdown-it").StateCore} state
 */
function postProcess(state) {
  const tokens = state.tokens;
  for (const token of tokens) {
    // A block token at level L is an element L + 1 deep; the children of an inline token at level L
    // (the content of the element at level L - 1) start at L + 1.
    if (token.level + 1 > MAX_TREE_DEPTH) throw new TooDeep();
    if (token.type === "inline" && token.children && token.level + inlineDepth(token.children) > MAX_TREE_DEPTH) throw new TooDeep();
  }
  // Before the headings take their text: an image that becomes a link is text there too.
  for (const token of tokens) if (token.type === "inline" && token.children) token.children = safeInline(state, token.children);

  const env = /** @type {Env} */ (state.env);
  env.headings = [];
  const used = new Map();
  /** @type {Token[]} */
  const lists = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case "heading_open": {
        const inline = tokens[i + 1];
        if (!/^h[2-4]$/.test(token.tag) || inline?.type !== "inline") break;
        const text = headingText(inline.children ?? []).trim();
        const base = headingSlug(text);
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        token.attrSet("id", id);
        env.headings.push({ depth: /** @type {2 | 3 | 4} */ (Number(token.tag[1])), id, text });
        break;
      }
      case "bullet_list_open":
      case "ordered_list_open":
        lists.push(token);
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open":
        taskItem(state, tokens, i, lists[lists.length - 1]);
        break;
      case "th_open":
      case "td_open": {
        // markdown-it writes `style="text-align:…"`; the align attribute says the same without a style.
        const align = /^text-align:(left|center|right)$/.exec(token.attrGet("style") ?? "");
        if (align) token.attrs = [["align", align[1]]];
        break;
      }
    }
  }
}

/**
 * How deep the elements of one inline token's children nest (emphasis, links…), their text
 * included: 1 for plain text. An image's description is walked as one more level, with a stack.
 * @param {Token[]} children
 */
function inlineDepth(children) {
  let max = 0;
  /** @type {[Token[], number][] | null} */
  let images = null;
  /** @type {[Token[], number] | undefined} */
  let next = [children, 0];
  while (next) {
    const [list, base] = next;
    let level = base;
    for (const child of list) {
      if (child.nesting === -1) level--;
      // An element (or text) is one level below what encloses it.
      if (level + 1 > max) max = level + 1;
      if (child.nesting === 1) level++;
      if (child.type === "image" && child.children?.length) (images ??= []).push([child.children, level + 1]);
    }
    next = images?.pop();
  }
  return max;
}

/** The text of a heading as the outline shows it: text and code, without markup, images or raw HTML. */
function headingText(/** @type {Token[]} */ children) {
  let text = "";
  for (const child of children) {
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
  }
  return text;
}

/** An image's description as plain text (its alt): text and code only, nested images included. */
function altText(/** @type {Token[]} */ children) {
  let text = "";
  /** @type {Token[]} */
  const stack = [...children].reverse();
  while (stack.length) {
    const child = /** @type {Token} */ (stack.pop());
    if (child.type === "text" || child.type === "code_inline") text += child.content;
    else if (child.type === "softbreak" || child.type === "hardbreak") text += "\n";
    else if (child.type === "image" && child.children) for (let k = child.children.length - 1; k >= 0; k--) stack.push(child.children[k]);
  }
  return text;
}

/**
 * Links keep an address only if it is safe (else they stay as their text, in an `<a>` without href);
 * external ones get rel. Images from other sites become links to them, or their text inside a link
 * (a link in a link is not HTML): loading them would tell their owner who reads or moderates a text.
 * Returns the children, changed in place, or a new list where an image had to be replaced.
 * @param {import("markdown-it").StateCore} state @param {Token[]} children
 */
function safeInline(state, children) {
  /** @type {Token[] | null} */
  let out = null;
  let inLink = 0;
  for (let k = 0; k < children.length; k++) {
    const child = children[k];
    if (child.type === "link_open") {
      inLink++;
      const href = child.attrGet("href") ?? "";
      if (!safeUrl(href)) child.attrs = (child.attrs ?? []).filter(([name]) => name !== "href");
      else if (externalHttp(href)) child.attrSet("rel", REL);
    } else if (child.type === "link_close") {
      inLink--;
    } else if (child.type === "image") {
      const src = child.attrGet("src") ?? "";
      const alt = altText(child.children ?? []);
      if (sameSitePath(src)) {
        child.attrSet("alt", alt);
      } else {
        const shown = safeUrl(src, IMAGE_SCHEMES) ? src : "";
        const link = shown !== "" && inLink === 0;
        const open = new state.Token(link ? "link_open" : "span_open", link ? "a" : "span", 1);
        if (link) open.attrs = [["href", shown], ["rel", REL]];
        const text = new state.Token("text", "", 0);
        text.content = alt.trim() ? alt : shown || "image";
        out ??= children.slice(0, k);
        out.push(open, text, new state.Token(link ? "link_close" : "span_close", link ? "a" : "span", -1));
        continue;
      }
    }
    out?.push(child);
  }
  return out ?? children;
}

/**
 * A list item whose first paragraph starts with `[ ]` or `[x]` and a space (a GFM task) gets a
 * disabled checkbox in their place; the item and its list get GitHub's classes.
 * @param {import("markdown-it").StateCore} state @param {Token[]} tokens @param {number} i @param {Token | undefined} list
 */
function taskItem(state, tokens, i, list) {
  const inline = tokens[i + 2];
  if (tokens[i + 1]?.type !== "paragraph_open" || inline?.type !== "inline" || !inline.children?.length) return;
  const first = inline.children[0];
  const task = first.type === "text" ? /^\[([ xX])\](?=[ \t]|$)/.exec(first.content) : null;
  if (!task) return;
  first.content = first.content.slice(3);
  const box = new state.Token("task_checkbox", "input", 0);
  box.meta = { checked: task[1] !== " " };
  inline.children.unshift(box);
  tokens[i].attrJoin("class", "task-list-item");
  if (list && list.attrGet("class") !== "contains-task-list") list.attrJoin("class", "contains-task-list");
}

md.core.ruler.push("overlay_lab_safety", postProcess);

// ── rendering ───────────────────────────────────────────────────────────────────────────────────

/** @param {Token} token */
const footnoteNumber = (token) => `${token.meta.id + 1}`;
/** The id of one reference to a footnote (the second reference to footnote 1: "…fnref-1-2"). @param {Token} token */
const refId = (token) => `user-content-fnref-${footnoteNumber(token)}${token.meta.subId > 0 ? `-${token.meta.subId + 1}` : ""}`;

/** @type {Record<string, import("markdown-it").RendererRule>} */
const rules = {
  // Raw HTML renders as nothing (see the top of this file).
  html_block: () => "",
  html_inline: () => "",
  // Strikethrough as GFM writes it (markdown-it writes <s>).
  s_open: () => "<del>",
  s_close: () => "</del>",
  task_checkbox: (tokens, idx) => (tokens[idx].meta.checked ? '<input type="checkbox" checked disabled>' : '<input type="checkbox" disabled>'),
  // The alt postProcess gave the image (markdown-it's own rule would put raw HTML's text back in it).
  image: (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options),
  fence: (tokens, idx) => {
    const token = tokens[idx];
    const lang = unescapeAll(token.info).trim().split(/\s+/)[0];
    if (!lang) return `<pre><code>${escapeHtml(token.content)}</code></pre>\n`;
    // Only the language the author named; highlight.js escapes the code it marks up.
    const code = highlighter.getLanguage(lang) ? highlighter.highlight(token.content, { language: lang, ignoreIllegals: true }).value : escapeHtml(token.content);
    return `<pre><code class="hljs language-${escapeHtml(lang)}">${code}</code></pre>\n`;
  },
  // Footnotes: ids with GitHub's `user-content-` prefix, so a footnote cannot take a page's own id.
  footnote_ref: (tokens, idx) => {
    const token = tokens[idx];
    return `<sup class="footnote-ref"><a href="#user-content-fn-${footnoteNumber(token)}" id="${refId(token)}">[${footnoteNumber(token)}]</a></sup>`;
  },
  footnote_open: (tokens, idx) => `<li id="user-content-fn-${footnoteNumber(tokens[idx])}" class="footnote-item">`,
  footnote_anchor: (tokens, idx) => ` <a href="#${refId(tokens[idx])}" class="footnote-backref">\u21a9\uFE0E</a>`,
};
Object.assign(md.renderer.rules, rules);

/**
 * Sanitized HTML and the outline of its headings (h2–h4, with the ids the HTML carries), or
 * `{ error: "too-deep" }` for a tree deeper than MAX_TREE_DEPTH.
 * @param {string} markdown
 * @returns {{ html: string; headings: Heading[] } | { error: "too-deep" }}
 */
export function renderSync(markdown) {
  /** @type {Env} */
  const env = { headings: [] };
  try {
    const html = md.render(markdown, env);
    return { html: html.endsWith("\n") ? html.slice(0, -1) : html, headings: env.headings };
  } catch (error) {
    if (error instanceof TooDeep) return { error: "too-deep" };
    throw error;
  }
}
