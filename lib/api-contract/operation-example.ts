import type { Operation } from "../http/operation";

/**
 * A curl command for an operation, from its declared example: what the docs page shows beside each
 * operation. `$BASE` and `$KEY` are left for the reader (the docs say how to get a key).
 */
export function operationExample(operation: Operation): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => `$${name.toUpperCase()}`);
  const auth = operation.auth === "public" ? [] : operation.auth === "session" ? ['-b cookies.txt -H "Origin: $BASE"'] : ['-H "Authorization: Bearer $KEY"'];
  const method = operation.method === "GET" ? [] : [`-X ${operation.method}`];
  const body = operation.body ? ["-H 'content-type: application/json'", `-d '${JSON.stringify(operation.body.example).replaceAll("'", "'\\''")}'`] : [];
  return ["curl -s", ...method, ...auth, ...body, `"$BASE${path}"`].join(" ");
}
