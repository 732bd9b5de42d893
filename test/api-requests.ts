import { expect } from "vitest";
import { createTestKey } from "./auth";

/**
 * Building requests to route handlers and checking their problem+json answers, shared by the route
 * tests. Requests carry a real API key of an admin account on the pro plan (made once per test file,
 * in that file's own database), so route tests exercise the wrapper exactly as a client does.
 */

export const testKey = await createTestKey();
export const authorization = testKey.authorization;

export const jsonRequest = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, {
    method: "POST",
    headers: { authorization, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

export function multipartRequest(url: string, files: Record<string, Buffer | undefined>, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  for (const [name, bytes] of Object.entries(files)) {
    if (bytes) form.set(name, new Blob([new Uint8Array(bytes)], { type: "image/png" }), `${name}.png`);
  }
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return new Request(url, { method: "POST", headers: { authorization }, body: form });
}

export interface ProblemExpectation {
  /** Matched against the detail (and the field errors, which often say more). */
  detail?: RegExp;
  code?: string;
  instance?: string;
}

/** Asserts an RFC 9457 problem answer with the given status and returns the parsed document. */
export async function expectProblem(response: Response, status: number, expected: ProblemExpectation = {}) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const problem = await response.json();
  expect(problem.status).toBe(status);
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.request_id).toBe(response.headers.get("x-request-id"));
  if (expected.code) expect(problem.code).toBe(expected.code);
  if (expected.instance) expect(problem.instance).toBe(expected.instance);
  if (expected.detail) expect(`${problem.detail} ${JSON.stringify(problem.errors ?? [])}`).toMatch(expected.detail);
  return problem;
}
