import "server-only";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/client";
import { usageBufferFor } from "./usage-buffer";

/** One usage row per API call, buffered after the response (lib/after-response.ts) and written in batches (usage-buffer.ts). */
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
  await usageBufferFor(db).add({
    at,
    userId: principal.kind === "anonymous" ? null : principal.user.id,
    keyId: principal.kind === "key" ? principal.key.id : null,
    route: call.route,
    models: call.models.length ? [...new Set(call.models)].join(",") : null,
    status: call.status,
    latencyMs: call.latencyMs,
    bytesIn: call.bytesIn,
    bytesOut: call.bytesOut,
  });
}
