/**
 * The browser's one way to call this app's API: JSON (or a problem document) back, network failures
 * and non-JSON answers turned into a problem a page can show. Used by the react-query hooks in this
 * folder and by the tool pages' mutations; no component calls fetch itself.
 */

export interface ProblemLike {
  title?: string;
  detail?: string;
  status?: number;
  code?: string;
  errors?: { field: string; message: string }[];
  request_id?: string;
}

export async function requestJson<T>(url: string, init: { method?: string; body?: BodyInit; headers?: Record<string, string> } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: init.method ?? "GET", body: init.body, headers: init.headers, cache: "no-store" });
  } catch {
    throw { title: "Network error", detail: "The server could not be reached. Check your connection and try again." } satisfies ProblemLike;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) throw (parsed as ProblemLike) ?? ({ title: `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 200) } satisfies ProblemLike);
  return parsed as T;
}

/** Posts to an API route; resolves with JSON or rejects with the problem document. */
export function postApi<T>(url: string, body: BodyInit, headers: Record<string, string> = {}): Promise<T> {
  return requestJson<T>(url, { method: "POST", body, headers });
}

export const sendJson = <T>(url: string, method: "POST" | "PATCH" | "DELETE", body?: unknown) =>
  requestJson<T>(url, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: body === undefined ? {} : { "content-type": "application/json" } });
