import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { getDb } from "./db/client";
import { insertUser } from "./db/queries/users";
import { serializeError } from "./log";

/**
 * A real failing query (a duplicate e-mail on the users table, through drizzle on the embedded database),
 * logged through a pino logger with the app's error serializer: none of the bound values may reach the line.
 */
describe("the log's error serializer", () => {
  it("drops a failed query's bound values from the message, its own members and its cause", async () => {
    const db = await getDb();
    const email = `leak-${Date.now()}@example.test`;
    const passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0c2FsdA$SECRETHASHVALUE";
    const values = { email, name: "Leak", passwordHash, role: "user" as const, plan: "pro", githubId: null, expiresAt: null };
    await insertUser({ db, values });
    const failure = await insertUser({ db, values }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure, "the second insert violates the unique e-mail").toBeInstanceOf(Error);
    // Without the serializer the values are there: the test could fail.
    expect(JSON.stringify(pino.stdSerializers.err(failure as Error))).toContain("SECRETHASHVALUE");

    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ serializers: { err: serializeError } }, sink);
    logger.error({ err: failure }, "unhandled error in route handler");
    const line = lines.join("");
    expect(line).toContain("Failed query");
    expect(line).not.toContain("SECRETHASHVALUE");
    expect(line).not.toContain(email);
  });
});
