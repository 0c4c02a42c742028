import { startupProblem } from "./env";

// Node.js only (see instrumentation.ts): the check, and the exit, at start-up.
const problem = startupProblem(process.env);
if (problem) {
  console.error(problem);
  process.exit(1);
}
