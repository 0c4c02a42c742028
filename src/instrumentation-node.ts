import { startupProblem } from "./env";
import { installEarlyRefusals } from "./server/http/early-refusals";

// Node.js only (see instrumentation.ts): the check, and the exit, at start-up.
const problem = startupProblem(process.env);
if (problem) {
  console.error(problem);
  process.exit(1);
}

// Requests Next.js would answer with a 500 are refused before it sees them (see early-refusals.ts).
installEarlyRefusals();
