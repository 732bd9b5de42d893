import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Accounts and their API keys. A guest is a users row without e-mail or password that expires
 * (`expiresAt`); signing up turns that same row into an account, so the guest's work is kept.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Lower-cased; null for guests. */
    email: text("email"),
    name: text("name"),
    /** argon2id PHC string; null for guests and GitHub-only accounts. */
    passwordHash: text("password_hash"),
    /** "guest" | "user" | "admin" (lib/auth/roles.ts). */
    role: text("role").notNull(),
    /** Rate-limit plan (lib/rate-limit/plans.ts). */
    plan: text("plan").notNull(),
    githubId: text("github_id"),
    /**
     * Part of every session token; raised on sign-out, password change and a guest's sign-up, which
     * revokes every session issued before (lib/auth/session-version.ts checks it on each use).
     */
    sessionVersion: integer("session_version").notNull().default(0),
    /** Guests only: when the row and everything it owns is deleted. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("users_email_idx").on(table.email),
    uniqueIndex("users_github_idx").on(table.githubId),
    index("users_expires_idx").on(table.expiresAt),
  ],
);
export type UserRow = typeof users.$inferSelect;

/**
 * API keys: only the SHA-256 of the key and a short display form are stored; the key itself is shown
 * once, when it is created. Revoked keys stay (usage rows still name them) with `revokedAt` set.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Hex SHA-256 of the whole key. */
    hash: text("hash").notNull(),
    /** e.g. `ie_3kTq…9xQa`: enough to recognise a key, useless to use it. */
    displayForm: text("display_form").notNull(),
    /** Scope names (lib/auth/roles.ts). */
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("api_keys_hash_idx").on(table.hash), index("api_keys_owner_idx").on(table.ownerId, table.createdAt)],
);
export type ApiKeyRow = typeof apiKeys.$inferSelect;
