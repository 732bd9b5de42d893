import "server-only";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepExtendedQueriesTogether } from "./pglite-socket-queue";

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) in a data folder, served on a
 * private Unix socket by pglite-socket so that the app, the job queue (pg-boss) and anything else
 * speak to it exactly as they speak to a real PostgreSQL server, through node-postgres. One driver
 * and one code path for both databases; the socket server runs one client's transaction (and one
 * client's extended-protocol query, see pglite-socket-queue.ts) at a time, so clients cannot see
 * into each other's transactions or cross each other's queries.
 */

export interface EmbeddedPglite {
  /** node-postgres connection settings for this database (a Unix socket folder). */
  connection: { host: string; user: string; database: string };
  close(): Promise<void>;
}

const SOCKET_FILE = ".s.PGSQL.5432";
// sockaddr_un holds 108 bytes; a longer path cannot be listened on.
const MAX_SOCKET_PATH = 100;

function socketFolder(dataDir: string | undefined): { dir: string; temporary: boolean } {
  if (dataDir) {
    const dir = path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ dataDir)), "pglite-socket");
    if (path.join(dir, SOCKET_FILE).length <= MAX_SOCKET_PATH) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return { dir, temporary: false };
    }
  }
  return { dir: mkdtempSync(path.join(tmpdir(), "ie-pg-")), temporary: true };
}

/**
 * Where a running instance serves the PGlite folder `dir` (its socket, when one is listening there),
 * so a command can reach the database while the app holds the folder: PGlite has no lock of its own,
 * and a second process opening the folder would corrupt it. Undefined when nothing listens.
 */
export async function runningEmbeddedPglite(dir: string): Promise<EmbeddedPglite["connection"] | undefined> {
  const socketDir = path.join(path.dirname(path.resolve(/*turbopackIgnore: true*/ dir)), "pglite-socket");
  const socketPath = path.join(socketDir, SOCKET_FILE);
  if (!existsSync(socketPath)) return undefined;
  const listening = await new Promise<boolean>((resolve) => {
    const probe = connect(socketPath);
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => resolve(false));
  });
  return listening ? { host: socketDir, user: "postgres", database: "postgres" } : undefined;
}

export async function startEmbeddedPglite(dir: string, maxConnections = 64): Promise<EmbeddedPglite> {
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ dir)), { recursive: true });
  const database = await PGlite.create(dir);
  const socket = socketFolder(inMemory ? undefined : dir);
  const socketPath = path.join(socket.dir, SOCKET_FILE);
  // A socket file left by a process that was killed would make listening fail; the data folder is ours.
  rmSync(socketPath, { force: true });
  const server = new PGLiteSocketServer({ db: database, path: socketPath, maxConnections });
  keepExtendedQueriesTogether(server);
  await server.start();
  return {
    connection: { host: socket.dir, user: "postgres", database: "postgres" },
    async close() {
      await server.stop();
      await database.close();
      rmSync(socketPath, { force: true });
      if (socket.temporary) rmSync(socket.dir, { recursive: true, force: true });
    },
  };
}
