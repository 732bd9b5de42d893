import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The one database schema, shared by the embedded PGlite default and PostgreSQL.
 * Migrations are generated from it by drizzle-kit into drizzle/ (never hand-edited).
 */

/** Instance-wide settings and facts (e.g. when the last start-up benchmark ran). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
export type AppSetting = typeof appSettings.$inferSelect;
