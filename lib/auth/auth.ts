import "server-only";
import NextAuth from "next-auth";
import { buildAuthConfig } from "./auth-config";

// The configuration is built on first use, not at import: `next build` imports this module without
// a data folder, and the secret must come from the running instance's DATA_DIR or AUTH_SECRET.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildAuthConfig());
