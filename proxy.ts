import { NextResponse, type NextRequest } from "next/server";
import { isRouterRequest } from "./lib/auth/router-request";
import { routeMethods } from "./lib/http/route-methods";

/**
 * A visitor of a tool page without a session gets a guest session first (as chat templates do), so
 * every tool works without signing up; the tool layout then checks that session for real. Only the
 * cookie's presence is looked at here: proxy code should stay free of secrets and the database.
 * The path is passed on so the layout can send a visitor with a stale guest cookie round again.
 * Prefetches of the header's links must not make every visitor of any page a guest, so router
 * requests pass through: the layout's redirect then sends a real navigation for a guest session.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Host-authjs.session-token"];

export function proxy(request: NextRequest) {
  const malformed = malformedPathResponse(request);
  if (malformed) return malformed;
  const crossSite = crossSiteActionResponse(request);
  if (crossSite) return crossSite;
  const wrongMethod = methodNotAllowedResponse(request);
  if (wrongMethod) return wrongMethod;
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
    return problemResponse(400, "bad_request", "Bad request", "The URL path is not valid percent-encoded UTF-8.");
  }
}

/**
 * Next refuses a server action posted from another origin, but by throwing, which answers 500 (found by
 * the security suite). The same check here — the Origin's host against the Host the request came to —
 * answers it as the refusal it is: 403 problem+json, before any action code runs.
 */
function crossSiteActionResponse(request: NextRequest): Response | undefined {
  // A POST to a page is a server action: with the Next-Action header from the app's own script, or as a plain
  // form post (the action's id in the form body) before hydration or without JavaScript.
  const path = request.nextUrl.pathname;
  if (request.method !== "POST" || path.startsWith("/api/") || path.startsWith("/v2/")) return undefined;
  const origin = request.headers.get("origin");
  if (!origin) return undefined; // same-origin form posts from old browsers; Next's own check still applies
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined; // "null" and other opaque origins
  }
  if (originHost && originHost === host) return undefined;
  return problemResponse(403, "forbidden", "Forbidden", "A form of this site may only be submitted from this site.");
}

/**
 * The API's paths as patterns, most literal segments first (so `/api/v1/batch/process` is matched before
 * `/api/v1/batch/{id}`, as Next routes them), each with what it allows: its methods, HEAD where GET is
 * (Next answers HEAD with the GET handler) and OPTIONS (Next answers it with the Allow list).
 */
const API_ROUTES = Object.entries(routeMethods)
  .map(([template, methods]) => {
    const segments = template.split("/");
    const isParam = (segment: string) => /^\{\w+\}$/.test(segment);
    const pattern = segments.map((segment) => (isParam(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("/");
    return {
      pattern: new RegExp(`^${pattern}/?$`),
      literals: segments.filter((segment) => segment && !isParam(segment)).length,
      allow: [...methods, ...(methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort(),
    };
  })
  .sort((a, b) => b.literals - a.literals);

/**
 * A method an API route does not have got Next's empty 405 with no Allow header (RFC 9110 requires it).
 * Answered here as the API answers every other mistake, from the table the operations generate.
 */
function methodNotAllowedResponse(request: NextRequest): Response | undefined {
  const path = request.nextUrl.pathname;
  if (!path.startsWith("/api/") && path !== "/v2" && !path.startsWith("/v2/")) return undefined;
  const route = API_ROUTES.find((candidate) => candidate.pattern.test(path));
  if (!route || route.allow.includes(request.method)) return undefined;
  const allow = route.allow.join(", ");
  return problemResponse(405, "method_not_allowed", "Method not allowed", `${request.method} is not a method of ${path}; it answers ${allow}.`, { allow });
}

/** A problem+json answer shaped as lib/errors.ts shapes the API's (proxy code stays free of the server-only modules). */
function problemResponse(status: number, code: string, title: string, detail: string, headers: Record<string, string> = {}): Response {
  const problem = { type: `/docs/errors#${code}`, title, status, detail, code };
  return new Response(JSON.stringify(problem), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

/**
 * Tool pages (the guest session), the pages with server actions (the origin check) and the API paths (the
 * percent-encoding and method checks) — but not an API request that carries a body. Next copies the body of
 * every request its proxy runs for into memory before the proxy sees it (up to `proxyClientMaxBodySize`, 10 MB,
 * silently cutting the rest): that was done before authentication, for every upload, and cut valid 12 MB
 * bodies at 10 MB. The proxy never reads API bodies, so those requests skip it and reach withApi, which
 * authenticates and checks Content-Length before reading a byte (lib/http/read-request-body.ts). A body with a
 * percent-encoded path still comes here: Next's router would answer a path that does not decode with a 500.
 * `missing` is all-or-nothing per entry: a body is announced by a non-zero Content-Length or by Transfer-Encoding.
 */
export const config = {
  matcher: [
    "/analyze",
    "/documents",
    "/languages",
    "/safety",
    "/history",
    "/assistant",
    "/signin",
    "/signup",
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length", value: "0*[1-9][0-9]*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    {
      source: "/v2/:path*",
      missing: [
        { type: "header", key: "content-length", value: "0*[1-9][0-9]*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    "/(api|v2)/(.*%.*)",
  ],
};
