import { z } from "zod";
import type { UserRow } from "../db/schema";

/** What the API says about an account: never the password hash. */
export const accountViewSchema = z.object({
  id: z.string().uuid(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: z.string(),
  plan: z.string(),
  created_at: z.string(),
});

export function toAccountView(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, plan: user.plan, created_at: user.createdAt.toISOString() };
}
