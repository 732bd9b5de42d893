import { Badge } from "@/components/ui/badge";
import { summarizeToolResult } from "./tool-summary";

type Loose = Record<string, unknown>;

export interface ToolCallPart {
  toolName: string;
  toolCallId: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
}

const toolLabels: Record<string, string> = {
  analyze_image: "Analyze image",
  compare_variants: "Compare model variants",
  read_document: "Read document",
  identify_language: "Identify language",
  check_safety: "Safety check",
  start_batch: "Start batch",
  read_history: "Read history",
};

/**
 * One tool call as the user sees it: which tool, with what input, its state while it runs, and what
 * it returned - its error in words, or a one-line summary with the full result one click away. A
 * result flagged for planted instructions is shown as a warning, as the model was told.
 */
export function ToolCallView({ part }: { part: ToolCallPart }) {
  const outcome = part.state === "output-available" ? (part.output as Loose | undefined) : undefined;
  const failed = part.state === "output-error" || outcome?.ok === false;
  const problem = outcome?.error as Loose | undefined;
  const warning = typeof outcome?.warning === "string" ? outcome.warning : undefined;
  const running = part.state === "input-streaming" || part.state === "input-available";
  return (
    <div data-testid="tool-call" data-tool={part.toolName} className="rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium text-slate-900">{toolLabels[part.toolName] ?? part.toolName}</span>
        <code className="text-xs text-slate-500">{part.toolName}</code>
        {running && (
          <Badge tone="info" role="status">
            running…
          </Badge>
        )}
        {outcome?.ok === true && <Badge tone="good">done</Badge>}
        {failed && <Badge tone="bad">error</Badge>}
        {warning && <Badge tone="warn">possible prompt injection</Badge>}
      </div>
      {part.input !== undefined && <p className="mt-1 break-all text-xs text-slate-600">Input: {JSON.stringify(part.input)}</p>}
      {warning && (
        <p role="alert" data-testid="tool-warning" className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
          {warning}
        </p>
      )}
      {failed && (
        <p data-testid="tool-error" className="mt-2 text-rose-800">
          {problem ? `${problem.title}: ${problem.detail}` : (part.errorText ?? "The tool failed.")}
        </p>
      )}
      {outcome?.ok === true && (
        <>
          <p data-testid="tool-summary" className="mt-2 text-slate-800">
            {summarizeToolResult(part.toolName, outcome.result as Loose)}
          </p>
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-brand-700">Full result</summary>
            <pre className="mt-1 max-h-80 overflow-auto rounded bg-white p-2 text-xs text-slate-800">{JSON.stringify(outcome.result, null, 2)}</pre>
          </details>
        </>
      )}
    </div>
  );
}
