// GET /api/auth/guest?redirectUrl=/analyze - start a guest session (tighter limits, kept GUEST_TTL_HOURS) and go back
import { signIn } from "@/lib/auth/auth";
import { runCountingRefusals, throttledResponse } from "@/lib/auth/credential-throttle";
import { sessionUserId } from "@/lib/auth/principal";
import { isRouterRequest } from "@/lib/auth/router-request";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";

export async function GET(request: Request) {
  // A prefetch or a client-side navigation (an RSC fetch that followed a redirect here) makes no guest:
  // answering it with no RSC payload makes Next's router load the URL for real, which does.
  if (isRouterRequest(request.headers)) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  const target = safeRedirectPath(new URL(request.url).searchParams.get("redirectUrl"));
  const userId = await sessionUserId(request);
  // A live session (guest or account) goes straight back; a session whose guest expired starts afresh.
  // A relative Location: the checked path itself, resolved by the browser against the address it used (Next's
  // request.url names the host it listens on, not the one the visitor came to).
  if (userId && (await findUserById({ db: await getDb(), id: userId }))) {
    return new Response(null, { status: 307, headers: { location: target, "cache-control": "no-store" } });
  }
  // Guests are limited per address (lib/auth/credential-throttle.ts): over it, 429 instead of a new guest.
  const { refusal, outcome } = await runCountingRefusals(() => signIn("guest", { redirectTo: target }));
  if (refusal) return throttledResponse(refusal);
  return outcome();
}
