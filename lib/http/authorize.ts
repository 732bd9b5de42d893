import "server-only";
import type { Principal } from "../auth/principal";
import { type ScopeRequirement, scopesOf } from "../auth/roles";
import { ApiError } from "../errors";

/**
 * Who may call a route:
 * - `public`: anyone (a caller who is signed in or sends a key is still identified and limited as such);
 * - `key`: an API key, or a browser session (guests included);
 * - `user`: an account (key or session), not a guest;
 * - `session`: an account's browser session only, e.g. managing keys (a leaked key cannot mint more).
 */
export type AuthRequirement = "public" | "key" | "user" | "session";

const howToAuthenticate = "Send an API key as `Authorization: Bearer <key>` (create one on /keys), or use the site in a browser.";

export function authorize(request: Request, principal: Principal, options: { auth: AuthRequirement; scope: ScopeRequirement }): void {
  if (options.auth !== "public") {
    if (principal.kind === "anonymous") {
      throw new ApiError("unauthorized", `This endpoint needs authentication. ${howToAuthenticate}`, {
        headers: { "www-authenticate": 'Bearer realm="insight-engine"' },
      });
    }
    if (options.auth !== "key" && principal.user.role === "guest") {
      throw new ApiError("forbidden", "Guests cannot do this: sign up (free) to keep your work, create API keys and see your usage.");
    }
    if (options.auth === "session" && principal.kind !== "session") {
      throw new ApiError("forbidden", "API keys cannot do this: sign in on the website to manage keys.");
    }
  }
  const needed = scopesOf(options.scope);
  if (needed.length > 0 && principal.kind !== "anonymous" && !needed.some((scope) => principal.scopes.includes(scope))) {
    const named = needed.map((scope) => `\`${scope}\``).join(" or ");
    throw new ApiError(
      "forbidden",
      principal.kind === "key" ? `This API key lacks the ${named} scope.` : `Your account (${principal.user.role}) does not have the ${named} permission.`,
    );
  }
  if (principal.kind === "session") checkSameOrigin(request);
}

/**
 * Cookie-authenticated writes must come from this site: a cross-site page cannot post with the
 * user's cookie. Browsers send `Sec-Fetch-Site` and `Origin`; scripts using a cookie jar (curl)
 * send neither and are not a CSRF vector.
 */
function checkSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return;
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") throw crossSite();
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      throw crossSite();
    }
    if (originHost !== host) throw crossSite();
  } else if (origin === "null") {
    throw crossSite();
  }
}

const crossSite = () => new ApiError("forbidden", "Cross-site request refused: this action must come from the site itself.");
