import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "../env";
import { ApiError } from "../errors";

/**
 * Admin actions (a benchmark run costs minutes of CPU) need `Authorization: Bearer <ADMIN_TOKEN>`
 * until accounts with roles exist. Compared as SHA-256 digests in constant time, so neither the
 * token's length nor its prefix leaks through timing.
 */
export function requireAdmin(request: Request): void {
  const configured = getEnv().ADMIN_TOKEN;
  if (!configured) throw new ApiError("forbidden", "Admin actions are disabled on this instance: set ADMIN_TOKEN to enable them.");
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match) throw new ApiError("unauthorized", "Send the admin token as `Authorization: Bearer <token>`.", { headers: { "www-authenticate": 'Bearer realm="admin"' } });
  const digest = (value: string) => createHash("sha256").update(value).digest();
  if (!timingSafeEqual(digest(match[1]), digest(configured))) throw new ApiError("forbidden", "The admin token is not valid.");
}
