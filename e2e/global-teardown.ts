import postgres from "postgres";

export default async function globalTeardown() {
  const name = process.env.E2E_DB_NAME;
  if (!name || !/^overlay_e2e_[a-z0-9]+$/.test(name)) return;
  const admin = postgres(process.env.TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}
