/** Creates the e2e database named by E2E_DB_NAME (if missing), then migrates and seeds it. */
import postgres from "postgres";
import { openDb } from "../src/server/db/client";
import { seedContent } from "../src/server/db/seed";

const name = process.env.E2E_DB_NAME;
const url = process.env.E2E_DATABASE_URL;
if (!name || !/^overlay_e2e_[a-z0-9]+$/.test(name) || !url) {
  throw new Error("E2E_DB_NAME and E2E_DATABASE_URL are set by playwright.config.ts");
}
const admin = postgres(process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
if (!exists) await admin.unsafe(`create database "${name}"`);
await admin.end();

const handle = await openDb({ url, poolMax: 1 });
await handle.migrate(async (db) => void (await seedContent(db)));
await handle.close();
console.log(`e2e database ${name} ready`);
