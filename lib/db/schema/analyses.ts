import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { bytea } from "./columns";

/**
 * A signed-in user's stored analyses (history): what was asked and the answer. The uploaded image is
 * kept only when the user asked for it (`keep_image`).
 */
export const analyses = pgTable(
  "analyses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** "image-text" | "document" | "multilingual" | "safety". */
    kind: text("kind").notNull(),
    /** A line to recognise it by: file name, caption or the start of the text. */
    title: text("title").notNull(),
    request: jsonb("request").notNull(),
    result: jsonb("result").notNull(),
    imageBytes: bytea("image_bytes"),
    imageType: text("image_type"),
    resultBytes: integer("result_bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("analyses_owner_idx").on(table.ownerId, table.createdAt)],
);
export type AnalysisRow = typeof analyses.$inferSelect;
