/** Renders an API problem (RFC 9457) or a network failure in words a user understands. */
export interface ProblemLike {
  title?: string;
  detail?: string;
  status?: number;
  errors?: { field: string; message: string }[];
  request_id?: string;
}

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

/** Posts to an API route; resolves with JSON or rejects with the problem document. */
export async function postApi<T>(url: string, body: BodyInit, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", body, headers });
  } catch {
    throw { title: "Network error", detail: "The server could not be reached. Check your connection and try again." } satisfies ProblemLike;
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw (parsed as ProblemLike) ?? ({ title: `HTTP ${response.status}`, detail: text.slice(0, 200) } satisfies ProblemLike);
  return parsed as T;
}
