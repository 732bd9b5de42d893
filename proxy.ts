import { NextResponse, type NextRequest } from "next/server";
import { isRouterRequest } from "./lib/auth/router-request";

/**
 * A visitor of a tool page without a session gets a guest session first (as chat templates do), so
 * every tool works without signing up; the tool layout then checks that session for real. Only the
 * cookie's presence is looked at here: proxy code should stay free of secrets and the database.
 * The path is passed on so the layout can send a visitor with a stale guest cookie round again.
 * Prefetches of the header's links must not make every visitor of any page a guest, so router
 * requests pass through: the layout's redirect then sends a real navigation for a guest session.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname + request.nextUrl.search;
  if (!SESSION_COOKIES.some((name) => request.cookies.has(name)) && !isRouterRequest(request.headers)) {
    const guest = new URL("/api/auth/guest", request.url);
    guest.searchParams.set("redirectUrl", path);
    return NextResponse.redirect(guest);
  }
  const headers = new Headers(request.headers);
  headers.set("x-insight-path", path);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/analyze", "/documents", "/languages", "/safety", "/history", "/assistant"] };
