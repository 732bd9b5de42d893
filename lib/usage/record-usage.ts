import "server-only";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/client";
import { insertUsage } from "../db/queries/usage";
import { withoutDurableCommit } from "../db/without-durable-commit";

/** One usage row per API call, written after the response (lib/after-response.ts). */
export interface CallRecord {
  route: string;
  status: number;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  /** Model ids the call ran (variants included), if any. */
  models: readonly string[];
}

export async function recordUsage({
  db,
  principal,
  call,
  at = new Date(),
}: {
  db: Database;
  principal: Principal;
  call: CallRecord;
  at?: Date;
}): Promise<void> {
  await withoutDurableCommit(db, (tx) =>
    insertUsage({
      db: tx,
      row: {
        at,
        userId: principal.kind === "anonymous" ? null : principal.user.id,
        keyId: principal.kind === "key" ? principal.key.id : null,
        route: call.route,
        models: call.models.length ? [...new Set(call.models)].join(",") : null,
        status: call.status,
        latencyMs: call.latencyMs,
        bytesIn: call.bytesIn,
        bytesOut: call.bytesOut,
      },
    }),
  );
}
