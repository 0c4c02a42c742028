/**
 * For tests: localStorage as the browser has it (its keys listed by Object.keys, a quota in characters),
 * installed as the global with vitest's stubGlobal (undo with vi.unstubAllGlobals()).
 */
import { vi } from "vitest";

export class MemoryStorage {
  private items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    let used = v.length;
    for (const [key, value] of this.items) if (key !== k) used += value.length;
    if (used > this.quota) throw new DOMException("quota", "QuotaExceededError");
    this.items.set(k, String(v));
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}

export function useStorage(storage: MemoryStorage) {
  // Object.keys(localStorage) lists the stored keys, as in the browser.
  const proxy = new Proxy(storage, {
    ownKeys: (t) => [...(t as unknown as { items: Map<string, string> }).items.keys()],
    getOwnPropertyDescriptor: (t, k) =>
      typeof k === "string" && t.getItem(k) !== null ? { enumerable: true, configurable: true, value: t.getItem(k) } : undefined,
  });
  vi.stubGlobal("localStorage", proxy);
}

