/**
 * Runs once when a server starts. A server whose environment is invalid (in production: no
 * BETTER_AUTH_SECRET) stops here with one line saying why, instead of saying Ready and then
 * answering 500 to every request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
