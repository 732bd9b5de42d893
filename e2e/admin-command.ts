import { spawnSync } from "node:child_process";

/**
 * `npm run admin -- --email <email>` against the instance whose data folder (or DATABASE_URL) is
 * given: the only way an account becomes admin. Works while the instance runs (through its PGlite socket).
 */
export function runAdminCommand(email: string, env: { DATA_DIR?: string; DATABASE_URL?: string }): { status: number | null; output: string } {
  const run = spawnSync("npm", ["run", "--silent", "admin", "--", "--email", email], {
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout ?? ""}${run.stderr ?? ""}` };
}
