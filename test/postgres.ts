import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * A throwaway PostgreSQL database per test file: created on the server at TEST_POSTGRES_URL
 * (default: the local trust-auth server CI provides) and dropped afterwards.
 */

const adminUrl = process.env.TEST_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";

export interface TemporaryPostgres {
  url: string;
  drop(): Promise<void>;
}

let reachability: Promise<string | undefined> | undefined;

/** Undefined when reachable, otherwise why not. */
export function postgresUnreachableReason(): Promise<string | undefined> {
  reachability ??= (async () => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("select 1");
      return undefined;
    } catch (error) {
      return `PostgreSQL at ${new URL(adminUrl).host} is not reachable: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachability;
}

/** Whether the suite must fail (CI) rather than skip when PostgreSQL is missing. */
export const postgresRequired = process.env.REQUIRE_POSTGRES === "1";

export async function createTemporaryPostgres(): Promise<TemporaryPostgres> {
  const name = `ie_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
