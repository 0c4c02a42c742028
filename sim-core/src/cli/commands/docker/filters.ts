/**
 * `--filter key=value`, as docker's CLI collects it (opts.FilterOpt: the key lower-cased, both sides
 * trimmed) and the daemon checks and applies it (moby's filters.Args: Validate, ExactMatch, Match as a
 * regular expression, MatchKVList for labels).
 */
import type { FlagSpec } from "../../types";

export const filterFlag = (usage: string): FlagSpec => ({
  name: "filter",
  short: "f",
  type: "list",
  valueName: "filter",
  usage,
  validate: (v) => (v !== "" && !v.includes("=") ? "bad format of filter (expected name=value)" : undefined),
});

export class Filters {
  private readonly fields = new Map<string, Set<string>>();

  constructor(values: readonly string[] = []) {
    for (const v of values) {
      if (v === "") continue;
      const at = v.indexOf("=");
      const key = v.slice(0, at).trim().toLowerCase();
      const set = this.fields.get(key) ?? new Set<string>();
      set.add(v.slice(at + 1).trim());
      this.fields.set(key, set);
    }
  }

  /** The daemon's check: the first key it does not accept, as `invalid filter 'key'`. */
  validate(accepted: readonly string[]): string | undefined {
    for (const key of this.fields.keys()) if (!accepted.includes(key)) return `invalid filter '${key}'`;
    return undefined;
  }

  get(key: string): string[] {
    return [...(this.fields.get(key) ?? [])];
  }

  contains(key: string): boolean {
    return this.fields.has(key);
  }

  /** True when the key is not filtered, or one of its values equals the source. */
  exactMatch(key: string, source: string): boolean {
    const values = this.fields.get(key);
    return !values || values.size === 0 || values.has(source);
  }

  /** Exact, or any value as a regular expression found in the source (moby's Match). */
  match(key: string, source: string): boolean {
    if (this.exactMatch(key, source)) return true;
    for (const pattern of this.fields.get(key) ?? []) {
      try {
        if (new RegExp(pattern).test(source)) return true;
      } catch {
        // Not a valid expression: it matches nothing, as in moby.
      }
    }
    return false;
  }

  /** `label=k` or `label=k=v`: every value must be present (and equal) in the labels. */
  matchKVList(key: string, labels: Record<string, string>): boolean {
    const values = this.fields.get(key);
    if (!values || values.size === 0) return true;
    if (Object.keys(labels).length === 0) return false;
    for (const value of values) {
      const at = value.indexOf("=");
      const k = at < 0 ? value : value.slice(0, at);
      if (!Object.hasOwn(labels, k)) return false;
      if (at >= 0 && labels[k] !== value.slice(at + 1)) return false;
    }
    return true;
  }
}
