// GET|POST /api/auth/* - next-auth: CSRF token, credentials and OAuth callbacks, session, sign-out
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
