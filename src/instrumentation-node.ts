import { startupProblem } from "./env";
import { installAnswersBeforeNext } from "./server/http/before-next";

// Node.js only (see instrumentation.ts): the check, and the exit, at start-up.
const problem = startupProblem(process.env);
if (problem) {
  console.error(problem);
  process.exit(1);
}

// Requests Next.js would answer with a 500 are answered before it sees them (see before-next.ts).
installAnswersBeforeNext();
