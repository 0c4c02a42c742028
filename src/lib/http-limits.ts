/** Request limits the browser client and the server share (the client never sends what the server refuses). */
export const HTTP_LIMITS = {
  /** Calls in one batched tRPC request. */
  maxBatch: 10,
  /** The largest input (a 60,000-character answer, worst-case JSON escaping, a batch) fits easily. */
  maxBodyBytes: 1024 * 1024,
} as const;
