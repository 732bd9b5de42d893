import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "@/lib/db/client";
import { createTemporaryPostgres, postgresRequired, postgresUnreachableReason } from "./postgres";

/**
 * The two databases every integration test runs on: the embedded PGlite default (in a fresh temp
 * folder) and PostgreSQL (in a fresh database). Use with `describe.each(databaseTargets)`.
 */
export interface DatabaseTarget {
  name: "pglite" | "postgres";
  /** Why this target is skipped here, or undefined when it runs. */
  skipReason: string | undefined;
  open(): Promise<DatabaseHandle & { cleanup(): Promise<void> }>;
}

const postgresSkip = await postgresUnreachableReason();
if (postgresSkip && postgresRequired) throw new Error(`REQUIRE_POSTGRES=1 but ${postgresSkip}`);

export const databaseTargets: DatabaseTarget[] = [
  {
    name: "pglite",
    skipReason: undefined,
    async open() {
      const dir = mkdtempSync(path.join(tmpdir(), "ie-pglite-"));
      const handle = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
      return {
        ...handle,
        async cleanup() {
          await handle.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: "postgres",
    skipReason: postgresSkip,
    async open() {
      const temporary = await createTemporaryPostgres();
      const handle = await openDatabase({ url: temporary.url, poolMax: 4 });
      return {
        ...handle,
        async cleanup() {
          await handle.close();
          await temporary.drop();
        },
      };
    },
  },
];
