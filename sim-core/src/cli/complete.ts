/**
 * Tab completion from the same specs that drive dispatch and help: commands, subcommands, flags of the
 * resolved command (docker's global flags on the root), flag values (`--network <Tab>`, `--network=<Tab>`:
 * names of objects or a fixed list, as docker's cobra and bash completion offer them), and names / ID
 * prefixes of objects through a callback the engine side supplies.
 */
import { DOCKER_GLOBAL_FLAGS, type TreeNode } from "./cobra";
import { tokenize } from "./tokenize";
import type { CommandSpec, FlagSpec, NameFilter, NameKind } from "./types";

export interface CompletionSource {
  /** Names and IDs of objects of a kind, as seen from a host (only containers matching `filter`, when given). */
  names(kind: NameKind, host: string, filter?: NameFilter): readonly string[];
  /** ID prefixes (12 characters) of the same objects; offered once the user has typed something. */
  ids?(kind: NameKind, host: string, filter?: NameFilter): readonly string[];
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
function kindsFromUse(spec: CommandSpec, given: number): NameKind[] {
  const slots = spec.use
    .split(/\s+/)
    .slice(1)
    .filter((w) => w !== "[OPTIONS]")
    .map((w) => ({ repeat: w.includes("..."), kinds: w.replace(/[[\].]/g, "").split("|").map((p) => PLACEHOLDERS[p.split("=")[0]]).filter((k): k is NameKind => !!k) }));
  if (slots.length === 0) return [];
  const slot = given < slots.length ? slots[given] : slots[slots.length - 1].repeat ? slots[slots.length - 1] : undefined;
  return slot?.kinds ?? [];
}

/** The flag a word names (`--name`, `--name=value`, `-n`); undefined for unknown ones. */
function flagOf(flags: readonly FlagSpec[], word: string): FlagSpec | undefined {
  if (word.startsWith("--")) {
    const name = word.slice(2).split("=")[0];
    return flags.find((f) => f.name === name);
  }
  return /^-[A-Za-z]/.test(word) ? flags.find((f) => f.short === word[1]) : undefined;
}

/**
 * The flag whose value is the word after this one, as pflag reads it: `--name` of a non-bool flag, or a
 * shorthand group whose last letter is one (`-dp` then `80:80`); `--name=v` and `-p80` carry their value.
 */
function takesNext(flags: readonly FlagSpec[], word: string): FlagSpec | undefined {
  if (word.startsWith("--")) {
    const f = flagOf(flags, word);
    return f && f.type !== "bool" && !word.includes("=") ? f : undefined;
  }
  for (let j = 1; j < word.length; j++) {
    const f = flags.find((x) => x.short === word[j]);
    if (!f) return undefined;
    if (f.type !== "bool") return j === word.length - 1 ? f : undefined;
  }
  return undefined;
}

/**
 * A command's words as its flag parser reads them: the positional arguments, the flag still waiting for its
 * value (the word at the cursor is that value), and whether flags are still parsed — not after `--`, nor
 * after the first argument of a command that stops there (`docker run IMAGE --…` is the container's).
 */
function scan(spec: CommandSpec, words: readonly string[]): { args: string[]; pending?: FlagSpec; parsing: boolean } {
  const args: string[] = [];
  let parsing = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (parsing && w === "--") parsing = false;
    else if (parsing && w.startsWith("-") && w !== "-") {
      const f = takesNext(spec.flags, w);
      if (f && i === words.length - 1) return { args, pending: f, parsing };
      if (f) i++;
    } else {
      args.push(w);
      if (spec.interspersed === false) parsing = false;
    }
  }
  return { args, parsing };
}

/** `--flag=partial` (or `-f=partial`): the flag's part, up to and including the `=`. */
const FLAG_EQ = /^(--[^=]+|-[A-Za-z])=/;

export function complete(input: CompleteInput): Completion {
  const { words, partial, start } = wordsAt(input.line, input.cursor);
  const match = (xs: Iterable<string>, typed = partial) => uniqSorted([...xs].filter((x) => x.startsWith(typed)));
  const tools = (input.tools ?? []).filter((t) => (t.where ?? "host") !== (input.inContainer ? "host" : "container"));
  // A flag's value: the word at the cursor, or its part after `--flag=` (bash breaks words at `=`).
  const value = (f: FlagSpec | undefined, at = start, typed = partial): Completion => {
    const v = f?.values;
    if (!v) return { start: at, candidates: [] };
    const names = typeof v === "string" ? (input.source?.names(v, input.host) ?? []) : v;
    return { start: at, candidates: match(names, typed) };
  };
  const valueAfterEq = (flags: readonly FlagSpec[]): Completion | undefined => {
    const eq = FLAG_EQ.exec(partial);
    return eq ? value(flagOf(flags, eq[1]), start + eq[0].length, partial.slice(eq[0].length)) : undefined;
  };
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
      // docker's global flags come before the command (`docker -D network ls`, `docker --context default ps`).
      if (node === input.docker && words[i].startsWith("-")) {
        const f = takesNext(DOCKER_GLOBAL_FLAGS, words[i]);
        if (f && i === words.length - 1) return value(f);
        i += f ? 2 : 1;
        continue;
      }
      const next: TreeNode | undefined = node.children.find((c) => c.name === words[i] || c.aliases.includes(words[i]));
      if (!next) break;
      node = next;
      i++;
    }
    spec = node.spec;
    rest = words.slice(i);
    if (!spec) {
      if (rest.length > 0) return { start, candidates: [] };
      const root = node === input.docker;
      if (partial.startsWith("-")) {
        if (root) {
          const eq = valueAfterEq(DOCKER_GLOBAL_FLAGS);
          if (eq) return eq;
        }
        return { start, candidates: match([...(root ? DOCKER_GLOBAL_FLAGS.map((f) => `--${f.name}`) : []), "--help"]) };
      }
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
  const { args, pending, parsing } = scan(spec, rest);
  if (pending) return value(pending);
  if (parsing && partial.startsWith("-")) {
    const eq = valueAfterEq(spec.flags);
    if (eq) return eq;
    const flags = spec.flags.filter((f) => !f.hidden).map((f) => `--${f.name}`);
    return { start, candidates: match([...flags, "--help"]) };
  }
  const { kinds, filter } = spec.completeArg?.(args) ?? { kinds: spec.complete ?? kindsFromUse(spec, args.length) };
  if (!input.source || kinds.length === 0) return { start, candidates: [] };
  const src = input.source;
  const ids = partial === "" || !src.ids ? [] : kinds.flatMap((k) => src.ids!(k, input.host, filter));
  return { start, candidates: match([...kinds.flatMap((k) => src.names(k, input.host, filter)), ...ids]) };
}
