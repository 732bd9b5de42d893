import { randomUUID } from "node:crypto";

// A caller's own id is kept (so its logs and ours join up) only when it is short and plain.
const acceptableRequestId = /^[\w.:-]{8,128}$/;

export function requestIdFor(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && acceptableRequestId.test(given) ? given : randomUUID();
}
