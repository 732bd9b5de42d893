import type { Role } from "./roles";

/** The account behind a request (a session's or an API key's owner), as the features see it. */
export interface Caller {
  id: string;
  role: Role;
  plan: string;
  email: string | null;
}
