import "server-only";
import NextAuth from "next-auth";
import { headers } from "next/headers";
import { buildAuthConfig } from "./auth-config";
import { isSecureRequest } from "./client-address";

// The configuration is built on first use, not at import: `next build` imports this module without
// a data folder, and the secret must come from the running instance's DATA_DIR or AUTH_SECRET. It is
// built per request because the session cookie's name depends on whether the client came over HTTPS
// (`__Host-` then). Server components and actions get no request here: their headers say the same.
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
  let secure = false;
  try {
    secure = isSecureRequest(request ?? new Request("http://headers.invalid", { headers: await headers() }));
  } catch {
    // Outside a request (a build-time import): plain cookies.
  }
  return buildAuthConfig({ secure });
});
