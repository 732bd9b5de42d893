// GET|POST /api/auth/* - next-auth: CSRF token, credentials and OAuth callbacks, session, sign-out
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { runCountingRefusals, throttledResponse } from "@/lib/auth/credential-throttle";

export const { GET } = handlers;

/** A sign-in (password or guest) over a limit is answered 429 + Retry-After, not as a wrong password. */
export async function POST(request: NextRequest): Promise<Response> {
  const { refusal, outcome } = await runCountingRefusals(() => handlers.POST(request));
  if (refusal) return throttledResponse(refusal);
  return outcome();
}
