// The app's server modules import "server-only", which throws anywhere but in a React server bundle (Next
// resolves it with the react-server condition; vitest aliases it). A command-line script is the server,
// so there the marker resolves to an empty module. Loaded before the script: `tsx --import ./scripts/allow-server-only.mjs …`.
import { register } from "node:module";

const hooks = `export async function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
