"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import type { AuthFormState } from "@/lib/auth/auth-form-state";
import { signIn, signOut } from "@/lib/auth/auth";
import { clientAddressOf } from "@/lib/auth/client-address";
import { runCountingRefusals, throttledMessage } from "@/lib/auth/credential-throttle";
import { currentUser } from "@/lib/auth/current-user";
import { forgetCachedUser } from "@/lib/auth/principal";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signUp, signUpRequestSchema } from "@/lib/auth/sign-up";
import { getDb } from "@/lib/db/client";
import { ApiError, issuesFromZod } from "@/lib/errors";

/** Server actions of the sign-in and sign-up forms (Next checks their Origin against the host). */

export async function signInWithPassword(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = String(form.get("email") ?? "");
  const { refusal, outcome } = await runCountingRefusals(() =>
    signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeRedirectPath(String(form.get("redirectTo") ?? ""), "/analyze"),
    }),
  );
  // Over the sign-in limits (lib/auth/credential-throttle.ts): the password was not even checked.
  if (refusal) return { error: throttledMessage(refusal), email };
  try {
    outcome();
  } catch (error) {
    // A successful sign-in "throws" Next's redirect; only next-auth's own failures are answered here.
    if (error instanceof AuthError) return { error: "The e-mail address or the password is not right.", email };
    throw error;
  }
  return {};
}

export async function signUpWithPassword(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = signUpRequestSchema.safeParse({
    email: form.get("email") ?? undefined,
    password: form.get("password") ?? undefined,
    name: String(form.get("name") ?? "").trim() || undefined,
  });
  const typed = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? "") };
  if (!parsed.success) return { ...typed, fieldErrors: Object.fromEntries(issuesFromZod(parsed.error).map((i) => [i.field, i.message])) };
  const caller = await currentUser();
  const clientAddress = clientAddressOf(new Request("http://action.invalid", { headers: await headers() }));
  try {
    const guestId = caller?.role === "guest" ? caller.id : undefined;
    await signUp({ db: await getDb(), request: parsed.data, guestId, clientAddress });
    // The guest's session was revoked by the sign-up: this instance must not answer for it from its cache.
    if (guestId) forgetCachedUser(guestId);
  } catch (error) {
    if (error instanceof ApiError) return { ...typed, error: error.detail };
    throw error;
  }
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/keys" });
  return {};
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
