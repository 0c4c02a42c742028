/**
 * sim-core's clock hands each timer to the next macrotask with `setTimeout(fn, 0)`, so that every command
 * able to run before virtual time moves gets to run first. Browsers clamp nested zero timeouts to 4 ms
 * (Node to 1 ms): a replay firing thousands of timers would spend seconds waiting on nothing. In the
 * worker, zero-delay timeouts go through a MessageChannel instead — still a macrotask, in order, and
 * cancellable — and every other timeout is left to the platform.
 */
type Scope = Pick<typeof globalThis, "setTimeout" | "clearTimeout">;

export function installFastZeroTimeouts(scope: Scope = globalThis): () => void {
  const nativeSet = scope.setTimeout;
  const nativeClear = scope.clearTimeout;
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

  scope.setTimeout = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
    if ((timeout ?? 0) > 0 || typeof handler !== "function") return nativeSet(handler as () => void, timeout, ...args);
    const id = nextId++;
    queue.set(id, () => (handler as (...a: unknown[]) => void)(...args));
    channel.port2.postMessage(id);
    return id;
  }) as typeof scope.setTimeout;

  scope.clearTimeout = ((id?: number | ReturnType<typeof setTimeout>) => {
    if (typeof id === "number" && queue.delete(id)) return;
    nativeClear(id as ReturnType<typeof setTimeout>);
  }) as typeof scope.clearTimeout;

  return () => {
    scope.setTimeout = nativeSet;
    scope.clearTimeout = nativeClear;
    channel.port1.close();
  };
}
