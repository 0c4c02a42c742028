/**
 * Tab completion from the same specs that drive dispatch and help: commands, subcommands, flags of the
 * resolved command, and names / ID prefixes of objects through a callback the engine side supplies.
 */
import type { TreeNode } from "./cobra";
import { tokenize } from "./tokenize";
import type { CommandSpec, NameKind } from "./types";

export interface CompletionSource {
  /** Names and IDs of objects of a kind, as seen from a host. */
  names(kind: NameKind, host: string): readonly string[];
  /** ID prefixes (12 characters) of the same objects; offered once the user has typed something. */
  ids?(kind: NameKind, host: string): readonly string[];
}

export interface CompleteInput {
  line: string;
  cursor: number;
  host: string;
  inContainer?: boolean;
  docker?: TreeNode;
  tools?: readonly CommandSpec[];
  builtins: readonly string[];
  source?: CompletionSource;
}

export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number;
  /** Candidates, sorted, each the full replacement for the word. */
  candidates: string[];
}

const uniqSorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The words before the cursor in the last simple command, plus the partial word at the cursor. */
function wordsAt(line: string, cursor: number): { words: string[]; partial: string; start: number } {
  const head = line.slice(0, cursor);
  const m = /(^|[\s;&|])([^\s;&|]*)$/.exec(head)!;
  const partial = m[2];
  const start = cursor - partial.length;
  const before = head.slice(0, start);
  const cut = Math.max(before.lastIndexOf(";"), before.lastIndexOf("&"), before.lastIndexOf("|"));
  const t = tokenize(before.slice(cut + 1));
  const words = t.ok && t.commands.length > 0 ? t.commands[0].words.map((w) => w.map((p) => (p.kind === "text" ? p.text : "")).join("")) : [];
  return { words, partial, start };
}

const PLACEHOLDERS: Record<string, NameKind> = { NETWORK: "network", SERVICE: "service", NODE: "node", CONTAINER: "container", TASK: "task" };

/**
 * What the next positional argument names, read from the use line (`rm NETWORK [NETWORK...]`,
 * `connect [OPTIONS] NETWORK CONTAINER`, `logs [OPTIONS] SERVICE|TASK`) when the spec does not say.
 */
function kindsFromUse(spec: CommandSpec, rest: string[]): NameKind[] {
  const slots = spec.use
    .split(/\s+/)
    .slice(1)
    .filter((w) => w !== "[OPTIONS]")
    .map((w) => ({ repeat: w.includes("..."), kinds: w.replace(/[[\].]/g, "").split("|").map((p) => PLACEHOLDERS[p.split("=")[0]]).filter((k): k is NameKind => !!k) }));
  if (slots.length === 0) return [];
  let n = 0;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w.startsWith("-")) {
      const f = w.startsWith("--") ? spec.flags.find((x) => x.name === w.slice(2)) : spec.flags.find((x) => x.short === w.slice(-1));
      if (f && f.type !== "bool" && !w.includes("=")) i++;
      continue;
    }
    n++;
  }
  const slot = n < slots.length ? slots[n] : slots[slots.length - 1].repeat ? slots[slots.length - 1] : undefined;
  return slot?.kinds ?? [];
}

export function complete(input: CompleteInput): Completion {
  const { words, partial, start } = wordsAt(input.line, input.cursor);
  const match = (xs: Iterable<string>) => uniqSorted([...xs].filter((x) => x.startsWith(partial)));
  const tools = (input.tools ?? []).filter((t) => (t.where ?? "host") !== (input.inContainer ? "host" : "container"));
  if (words.length === 0) {
    const names = [...input.builtins, ...tools.map((t) => t.path[0])];
    if (input.docker && !input.inContainer) names.push(input.docker.name);
    return { start, candidates: match(names) };
  }
  let spec: CommandSpec | undefined;
  let rest: string[] = [];
  if (input.docker && words[0] === input.docker.name && !input.inContainer) {
    let node: TreeNode = input.docker;
    let i = 1;
    while (i < words.length && node.children.length > 0) {
      const next: TreeNode | undefined = node.children.find((c) => c.name === words[i] || c.aliases.includes(words[i]));
      if (!next) break;
      node = next;
      i++;
    }
    spec = node.spec;
    rest = words.slice(i);
    if (!spec) {
      if (rest.length > 0) return { start, candidates: [] };
      if (partial.startsWith("-")) return { start, candidates: match(["--help"]) };
      // Tab offers what the lab can run: hidden and unsupported commands, and groups with nothing runnable, are left out.
      const runnable = (c: TreeNode): boolean => (c.spec ? !c.spec.hidden && !c.spec.unsupported : c.children.some(runnable));
      return { start, candidates: match(node.children.filter(runnable).map((c) => c.name)) };
    }
  } else {
    spec = tools.find((t) => t.path[0] === words[0]);
    rest = words.slice(1);
    if (words[0] === "ssh" && input.source) return { start, candidates: match(input.source.names("host", input.host)) };
    if (!spec) return { start, candidates: [] };
  }
  // Value of the previous flag?
  const prev = rest[rest.length - 1];
  const flagOf = (w: string) =>
    w.startsWith("--") ? spec!.flags.find((f) => f.name === w.slice(2)) : /^-[A-Za-z]$/.test(w) ? spec!.flags.find((f) => f.short === w[1]) : undefined;
  const pf = prev !== undefined && !prev.includes("=") ? flagOf(prev) : undefined;
  if (pf && pf.type !== "bool") {
    const kind = ({ network: "network", constraint: undefined } as Record<string, NameKind | undefined>)[pf.name];
    if (kind && input.source) return { start, candidates: match(input.source.names(kind, input.host)) };
    return { start, candidates: [] };
  }
  if (partial.startsWith("-")) {
    const flags = spec.flags.filter((f) => !f.hidden).map((f) => `--${f.name}`);
    return { start, candidates: match([...flags, "--help"]) };
  }
  const kinds = spec.complete ?? kindsFromUse(spec, rest);
  if (!input.source || kinds.length === 0) return { start, candidates: [] };
  const src = input.source;
  const ids = partial === "" || !src.ids ? [] : kinds.flatMap((k) => src.ids!(k, input.host));
  return { start, candidates: match([...kinds.flatMap((k) => src.names(k, input.host)), ...ids]) };
}
