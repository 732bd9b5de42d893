import { z } from "zod";
import { SCOPES } from "../roles";
import type { ApiKeyRow } from "../../db/schema";

/** Request and response shapes of /api/v1/keys (also the source of their OpenAPI description). */

const keyName = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const createKeyRequestSchema = z.strictObject({
  name: keyName,
  scopes: z.array(z.enum(SCOPES)).min(1, "name at least one scope").max(SCOPES.length),
  /** Optional expiry as an ISO 8601 date-time in the future. */
  expires_at: z.iso.datetime({ offset: true }).optional(),
});
export type CreateKeyRequest = z.infer<typeof createKeyRequestSchema>;

export const renameKeyRequestSchema = z.strictObject({ name: keyName });

export const keyViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  display_form: z.string(),
  scopes: z.array(z.string()),
  status: z.enum(["active", "expired", "revoked"]),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});
export type KeyView = z.infer<typeof keyViewSchema>;

/** The one answer that carries the key itself: shown once, never stored. */
export const createdKeySchema = keyViewSchema.extend({ key: z.string() });

export const keyListSchema = z.object({ keys: z.array(keyViewSchema) });

export function toKeyView(row: ApiKeyRow, now = new Date()): KeyView {
  const status = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    display_form: row.displayForm,
    scopes: row.scopes,
    status,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt?.toISOString() ?? null,
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
