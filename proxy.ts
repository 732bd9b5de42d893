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
  const malformed = malformedPathResponse(request);
  if (malformed) return malformed;
  if (!TOOL_PAGES.includes(request.nextUrl.pathname)) return NextResponse.next();
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

const TOOL_PAGES = ["/analyze", "/documents", "/languages", "/safety", "/history", "/assistant"];

/**
 * A path whose percent-encoding does not decode (`/api/v1/history/id%FF`, a lone surrogate's bytes)
 * made Next's router fail while decoding the route's params, with a text/plain 500 before any route
 * code ran (found by the hardening corpus). It is a bad request: answered here as the API answers one.
 */
function malformedPathResponse(request: NextRequest): Response | undefined {
  const rawPath = new URL(request.url).pathname;
  try {
    for (const segment of rawPath.split("/")) decodeURIComponent(segment);
    return undefined;
  } catch {
    const problem = {
      type: "/docs/errors#bad_request",
      title: "Bad request",
      status: 400,
      detail: "The URL path is not valid percent-encoded UTF-8.",
      code: "bad_request",
    };
    return new Response(JSON.stringify(problem), { status: 400, headers: { "content-type": "application/problem+json", "cache-control": "no-store" } });
  }
}

// Tool pages (the guest session) and every API path (the percent-encoding check).
export const config = { matcher: ["/analyze", "/documents", "/languages", "/safety", "/history", "/assistant", "/api/:path*", "/v2/:path*"] };
