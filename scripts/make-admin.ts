/**
 * `npm run admin -- --email you@example.com`: makes an existing account an admin. The only way to get
 * an admin (no account is one by being first): run it on the instance's machine, after signing up.
 * - DATABASE_URL set: changes the account in that PostgreSQL.
 * - Embedded PGlite (DATA_DIR/pglite) while the app runs: the app holds the folder, so the command
 *   goes through the app's own database socket (DATA_DIR/pglite-socket) instead of opening it.
 * - Embedded PGlite with the app stopped: opens the folder itself (and migrates it, as a start would).
 * Exit codes: 0 done, 1 no such account, 2 bad arguments or configuration.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { makeAdmin } from "../lib/auth/make-admin";
import { openDatabase } from "../lib/db/client";
import { runningEmbeddedPglite } from "../lib/db/embedded-pglite";
import { getEnvOrExit } from "../lib/env";

async function main(): Promise<number> {
  let email: string | undefined;
  try {
    email = parseArgs({ options: { email: { type: "string" } } }).values.email?.trim();
  } catch (error) {
    console.error((error as Error).message);
  }
  if (!email?.includes("@")) {
    console.error("usage: npm run admin -- --email <the e-mail of an account that has signed up>");
    return 2;
  }
  const env = getEnvOrExit();
  const pgliteDir = path.join(env.dataDir, "pglite");
  const running = env.DATABASE_URL ? undefined : await runningEmbeddedPglite(pgliteDir);
  const where = env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : running ? `the running instance's database (${pgliteDir}, through its socket)` : pgliteDir;
  const handle = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL, poolMax: 1 } : running ? { connection: running, poolMax: 1, migrate: false } : { pgliteDir, poolMax: 1 },
  );
  try {
    const account = await makeAdmin({ db: handle.db, email });
    if (!account) {
      console.error(`No account has the e-mail ${email} in ${where}: sign up with it first, then run this again.`);
      return 1;
    }
    console.log(`${account.email} is now an admin (pro plan) in ${where}.`);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`npm run admin failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
