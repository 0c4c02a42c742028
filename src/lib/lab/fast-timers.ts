/**
 * sim-core's clock hands each timer to the next macrotask with `setTimeout(fn, 0)`, so that every command
 * able to run before virtual time moves gets to run first. Browsers clamp nested zero timeouts to 4 ms
 * (Node to 1 ms): a replay firing thousands of timers would spend seconds waiting on nothing. In the
 * worker, zero-delay timeouts go through a MessageChannel instead — still a macrotask, in order, and
 * cancellable — and every other timeout is left to the platform.
 */
/** The timer functions of a window, a worker or Node, typed loosely enough to cover all three. */
interface Scope {
  setTimeout: (handler: never, timeout?: number, ...args: never[]) => unknown;
  clearTimeout: (id: never) => void;
}
type AnySet = (handler: unknown, timeout?: number, ...args: unknown[]) => unknown;
type AnyClear = (id: unknown) => void;

export function installFastZeroTimeouts(scope: Scope = globalThis): () => void {
  const target = scope as unknown as { setTimeout: AnySet; clearTimeout: AnyClear };
  const nativeSet = target.setTimeout.bind(scope);
  const nativeClear = target.clearTimeout.bind(scope);
  const channel = new MessageChannel();
  const queue = new Map<number, () => void>();
  // Ids far from the platform's, so clearTimeout can tell them apart.
  let nextId = 2 ** 30;

  channel.port1.onmessage = (e: MessageEvent<number>) => {
    const run = queue.get(e.data);
    if (!run) return;
    queue.delete(e.data);
    run();
  };

  target.setTimeout = (handler: unknown, timeout?: number, ...args: unknown[]) => {
    if ((timeout ?? 0) > 0 || typeof handler !== "function") return nativeSet(handler, timeout, ...args);
    const id = nextId++;
    queue.set(id, () => (handler as (...a: unknown[]) => void)(...args));
    channel.port2.postMessage(id);
    return id;
  };

  target.clearTimeout = (id: unknown) => {
    if (typeof id === "number" && queue.delete(id)) return;
    nativeClear(id);
  };

  return () => {
    target.setTimeout = nativeSet;
    target.clearTimeout = nativeClear;
    channel.port1.close();
  };
}
