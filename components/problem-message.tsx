import type { ProblemLike } from "@/lib/api-client/problem";

export type { ProblemLike };

/** Renders an API problem (RFC 9457) or a network failure in words a user understands. */
export function ProblemMessage({ problem }: { problem: ProblemLike }) {
  return (
    <div role="alert" data-testid="problem" className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-900">
      <p className="font-semibold">{problem.title ?? "Something went wrong"}</p>
      {problem.detail && <p className="mt-1">{problem.detail}</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul className="mt-2 list-disc pl-5">
          {problem.errors.map((e) => (
            <li key={e.field + e.message}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {problem.request_id && <p className="mt-2 text-xs text-rose-700">Request id: {problem.request_id}</p>}
    </div>
  );
}
