import "server-only";
import type { Principal } from "../auth/principal";
import type { Scope } from "../auth/roles";
import type { Database } from "../db/client";
import { NotPermittedError } from "../domain-errors";
import { toProblem } from "../errors";
import { type HistoryKind, keepAnalysis } from "../history/keep-analysis";
import { log } from "../log";
import type { AttachmentStore } from "./attachments";
import { INJECTION_WARNING, screenToolResult, type ToolResultScreening } from "./screen-tool-result";

/** What the tools of one assistant request share: the uploads, the caller and the request's accounting. */
export interface ToolContext {
  requestId: string;
  attachments: AttachmentStore;
  principal: Principal;
  db: Database | undefined;
  /** Counts units against the caller's rate limit (throws 429 past a quota). */
  chargeRateLimit(units: number): Promise<void>;
  /** Model ids run, for the usage record. */
  models: string[];
}

export type ToolOutcome =
  | { ok: true; result: unknown; safety: ToolResultScreening; warning?: string }
  | { ok: false; error: { code: string; title: string; detail: string; fields?: { field: string; message: string }[] } };

export function requireScope(context: ToolContext, scope: Scope, what: string): void {
  if (!context.principal.scopes.includes(scope)) {
    throw new NotPermittedError(
      `${what} needs the "${scope}" scope, which this ${context.principal.kind === "key" ? "API key" : "account"} does not have${scope === "batch" ? " (guests cannot start batches: sign up first)" : ""}.`,
    );
  }
}

/** How a tool's analysis is filed in the caller's history, as the same analysis through the API would be. */
export interface ToolHistoryEntry {
  kind: HistoryKind;
  title: string;
  /** What was asked (the tool's arguments); the entry notes it came from the assistant. */
  request: Record<string, unknown>;
}

/** The attachment's file name for a history title ("a1" when it has none). */
export const attachmentName = (context: ToolContext, id: string) => context.attachments.get(id)?.name ?? id;

/**
 * Runs one tool call as the API runs a request: one rate-limit unit, the pipeline, its result
 * screened for injected instructions and, for an analysis (`history`), kept in the caller's history
 * after the response, with the screening beside it. Every failure - bad arguments, an unknown attachment, an image
 * that does not decode, a missing scope, a quota - comes back as a result the model can read and
 * explain, in the API's problem terms, never as a thrown error that would end the conversation.
 */
export async function runGuarded<R>(
  context: ToolContext,
  tool: string,
  work: () => Promise<R>,
  history?: (result: R) => ToolHistoryEntry,
): Promise<ToolOutcome> {
  try {
    await context.chargeRateLimit(1);
    const result = await work();
    const safety = await screenToolResult(result);
    if (history) {
      const { kind, title, request } = history(result);
      keepAnalysis({
        db: context.db,
        principal: context.principal,
        analysis: {
          kind,
          title: `Assistant: ${title}`,
          request: { via: "assistant", tool, ...request },
          result: { ...(result as object), assistant_screening: safety },
        },
      });
    }
    return safety.injection_flagged ? { ok: true, result, safety, warning: INJECTION_WARNING } : { ok: true, result, safety };
  } catch (error) {
    const { problem, expected } = toProblem(error);
    if (!expected) log.error({ err: error, requestId: context.requestId, tool }, "assistant tool failed unexpectedly");
    return {
      ok: false,
      error: { code: problem.code, title: problem.title, detail: problem.detail, ...(problem.errors ? { fields: problem.errors } : {}) },
    };
  }
}
