"use server";

import { AuthError } from "next-auth";
import type { AuthFormState } from "@/lib/auth/auth-form-state";
import { signIn, signOut } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/current-user";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signUp, signUpRequestSchema } from "@/lib/auth/sign-up";
import { getDb } from "@/lib/db/client";
import { ApiError, issuesFromZod } from "@/lib/errors";

/** Server actions of the sign-in and sign-up forms (Next checks their Origin against the host). */

export async function signInWithPassword(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: safeRedirectPath(String(form.get("redirectTo") ?? ""), "/analyze"),
    });
  } catch (error) {
    // A successful sign-in "throws" Next's redirect; only next-auth's own failures are answered here.
    if (error instanceof AuthError) return { error: "The e-mail address or the password is not right.", email: String(form.get("email") ?? "") };
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
  try {
    await signUp({ db: await getDb(), request: parsed.data, guestId: caller?.role === "guest" ? caller.id : undefined });
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
