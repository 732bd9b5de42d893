"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FieldLabel, TextInput } from "@/components/ui/text-field";
import type { AuthFormState } from "@/lib/auth/auth-form-state";

/** The sign-in and sign-up form: e-mail, password (and a name when signing up), errors in words. */
export function AuthForm({
  mode,
  action,
  redirectTo,
  githubEnabled,
}: {
  mode: "signin" | "signup";
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
  redirectTo?: string;
  githubEnabled: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const fieldError = (name: string) =>
    state.fieldErrors?.[name] ? (
      <p id={`${name}-error`} className="mt-1 text-sm text-rose-700">
        {state.fieldErrors[name]}
      </p>
    ) : null;
  return (
    <form action={formAction} className="max-w-sm space-y-4" data-testid={`${mode}-form`}>
      {redirectTo && <input type="hidden" name="redirectTo" value={redirectTo} />}
      {mode === "signup" && (
        <div>
          <FieldLabel htmlFor="name">Name (optional)</FieldLabel>
          <TextInput id="name" name="name" autoComplete="name" maxLength={100} defaultValue={state.name} />
        </div>
      )}
      <div>
        <FieldLabel htmlFor="email">E-mail</FieldLabel>
        <TextInput
          id="email"
          name="email"
          type="email"
          required
          autoComplete="email"
          defaultValue={state.email}
          aria-describedby={state.fieldErrors?.email ? "email-error" : undefined}
        />
        {fieldError("email")}
      </div>
      <div>
        <FieldLabel htmlFor="password">Password{mode === "signup" && " (at least 10 characters)"}</FieldLabel>
        <TextInput
          id="password"
          name="password"
          type="password"
          required
          minLength={mode === "signup" ? 10 : undefined}
          autoComplete={mode === "signup" ? "new-password" : "current-password"}
          aria-describedby={state.fieldErrors?.password ? "password-error" : undefined}
        />
        {fieldError("password")}
      </div>
      {state.error && (
        <p role="alert" data-testid="auth-error" className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900">
          {state.error}
        </p>
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : mode === "signin" ? "Sign in" : "Create account"}
      </Button>
      <p className="text-sm text-slate-600">
        {mode === "signin" ? (
          <>
            No account yet?{" "}
            <Link className="text-brand-700 underline" href="/signup">
              Sign up
            </Link>{" "}
            — free; a guest keeps their work.
          </>
        ) : (
          <>
            Have an account?{" "}
            <Link className="text-brand-700 underline" href="/signin">
              Sign in
            </Link>
          </>
        )}
      </p>
      {githubEnabled && (
        <p className="text-sm">
          <a className="text-brand-700 underline" href="/api/auth/signin/github">
            Continue with GitHub
          </a>
        </p>
      )}
    </form>
  );
}
