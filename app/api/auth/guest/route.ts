// GET /api/auth/guest?redirectUrl=/analyze - start a guest session (tighter limits, kept GUEST_TTL_HOURS) and go back
import { NextResponse } from "next/server";
import { signIn } from "@/lib/auth/auth";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { sessionUserId } from "@/lib/auth/principal";
import { getDb } from "@/lib/db/client";
import { findUserById } from "@/lib/db/queries/users";

export async function GET(request: Request) {
  const target = safeRedirectPath(new URL(request.url).searchParams.get("redirectUrl"));
  const userId = await sessionUserId(request);
  // A live session (guest or account) goes straight back; a session whose guest expired starts afresh.
  if (userId && (await findUserById({ db: await getDb(), id: userId }))) return NextResponse.redirect(new URL(target, request.url));
  return signIn("guest", { redirectTo: target });
}
