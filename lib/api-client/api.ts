import createClient from "openapi-fetch";
import type { paths } from "./api-types";
import type { ProblemLike } from "./problem";

/**
 * The typed client of this app's API (openapi-fetch over the types generated from the OpenAPI
 * document): paths, parameters, bodies and answers are checked against the same schemas the server
 * validates with. The browser's react-query hooks in this folder use it; so can any script
 * (`createApiClient({ baseUrl, headers: { authorization: "Bearer …" } })`).
 */

export function createApiClient(options: { baseUrl?: string; headers?: Record<string, string>; fetch?: typeof fetch } = {}) {
  return createClient<paths>({ baseUrl: options.baseUrl ?? "", headers: options.headers, fetch: options.fetch, cache: "no-store" } as never);
}

/** The browser's client: same origin, the session cookie. */
export const browserApi = createApiClient();

/**
 * Resolves with the answer's data, or rejects with the problem document (a network failure or a
 * non-JSON answer becomes a problem a page can show).
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch {
    throw { title: "Network error", detail: "The server could not be reached. Check your connection and try again." } satisfies ProblemLike;
  }
  if (result.response.ok) return result.data as T;
  const problem = result.error;
  if (problem && typeof problem === "object") throw problem as ProblemLike;
  throw { title: `HTTP ${result.response.status}`, status: result.response.status, detail: String(problem ?? "").slice(0, 200) } satisfies ProblemLike;
}
