/**
 * Creates an account with a role, or updates the role (and password) of an existing one.
 *
 *   npm run user:create -- --email admin@example.com --password '…' --role admin [--name "Ada"]
 *
 * Uses DATABASE_URL when set, otherwise the embedded database (PGLITE_DIR, default .data/pglite).
 * The password may also come from the USER_PASSWORD environment variable (keeps it out of `ps`).
 */
import { parseArgs } from "node:util";
import { env } from "../src/env";
import { ROLES } from "../src/server/api/schemas/account";
import { upsertUserWithPassword, UserInputError } from "../src/server/auth";
import { openDb } from "../src/server/db/client";

const USAGE = `Usage: npm run user:create -- --email <email> --password <password> [--role ${ROLES.join("|")}] [--name <name>]`;

function fail(message: string, code = 2): never {
  console.error(`user:create: ${message}`);
  process.exit(code);
}

let args;
try {
  args = parseArgs({
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string", default: "contributor" },
      name: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }).values;
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.email) fail(`--email is required.\n${USAGE}`);
const role = ROLES.find((r) => r === args.role);
if (!role) fail(`--role must be one of ${ROLES.join(", ")} (got "${args.role}").`);
const password = args.password ?? process.env.USER_PASSWORD;

let e;
try {
  e = env();
} catch (error) {
  fail((error as Error).message);
}
const where = e.DATABASE_URL ? "the PostgreSQL server in DATABASE_URL" : `the embedded database in ${e.PGLITE_DIR}`;
let handle;
try {
  handle = await openDb({ url: e.DATABASE_URL, pgliteDir: e.PGLITE_DIR, poolMax: 1 });
  await handle.migrate();
} catch (error) {
  const hint = e.DATABASE_URL ? "Is the server up and the URL right?" : "Is the dev server running on it? Stop it first (the embedded database is single-process).";
  fail(`cannot open ${where}: ${(error as Error).message}\n${hint}`, 1);
}
try {
  const result = await upsertUserWithPassword(handle.db, { email: args.email, password, name: args.name, role });
  console.log(`${result.created ? "Created" : "Updated"} ${args.email.toLowerCase()} with role ${role} in ${where}.`);
} catch (error) {
  await handle.close();
  if (error instanceof UserInputError) fail(error.message);
  throw error;
}
await handle.close();
