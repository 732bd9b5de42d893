import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { closeHttpServer, runShutdown, type ShutdownStep } from "./shutdown";
import { shuttingDownSince } from "./shutdown-state";

// runShutdown marks the process as shutting down once (a process-wide flag), so one test drives it.
describe("runShutdown", () => {
  it("runs the steps in order within the deadline, moves past a hung or failing step, and exits 0", async () => {
    const seen: string[] = [];
    let databaseUntil = 0;
    const steps: ShutdownStep[] = [
      { name: "first", run: async () => void seen.push(`first:${Boolean(shuttingDownSince())}`) },
      { name: "hangs", run: () => new Promise<void>(() => seen.push("hangs")) },
      {
        name: "throws",
        run: async () => {
          seen.push("throws");
          throw new Error("broken step");
        },
      },
      {
        name: "database",
        reserveMs: 800,
        run: async (until) => {
          databaseUntil = until;
          seen.push("database");
        },
      },
    ];
    const exits: number[] = [];
    const startedAt = Date.now();
    await runShutdown({ signal: "SIGTERM", steps, timeoutMs: 1_500, exit: (code) => exits.push(code) });
    expect(seen).toEqual(["first:true", "hangs", "throws", "database"]);
    expect(exits).toEqual([0]);
    // The hung step was cut off so that the database step kept its reserve.
    expect(databaseUntil - startedAt).toBeGreaterThanOrEqual(1_450);
    expect(Date.now() - startedAt).toBeLessThan(1_500 + 500);
    expect(shuttingDownSince()?.signal).toBe("SIGTERM");

    // A second signal does not start a second shutdown.
    await runShutdown({ signal: "SIGINT", steps, timeoutMs: 1_000, exit: (code) => exits.push(code) });
    expect(exits).toEqual([0]);
  });
});

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

const get = (port: number) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ port, host: "127.0.0.1", path: "/", agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });

describe("closeHttpServer", () => {
  it("refuses new connections at once and lets the request in flight finish", async () => {
    const { server, port } = await listen(async (_req, res) => {
      await sleep(400);
      res.end("finished");
    });
    const inFlight = get(port);
    await sleep(100);
    const closing = closeHttpServer(server, Date.now() + 5_000);
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
    expect(await inFlight).toEqual({ status: 200, body: "finished" });
    await closing;
    expect(server.listening).toBe(false);
  });

  it("cuts the connections still open at the deadline", async () => {
    const { server, port } = await listen(() => {
      // never answers
    });
    const inFlight = get(port).catch((error: Error) => error);
    await sleep(100);
    const startedAt = Date.now();
    await closeHttpServer(server, Date.now() + 300);
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await inFlight).toBeInstanceOf(Error);
  });
});
