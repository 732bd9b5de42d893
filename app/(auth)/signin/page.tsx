import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { githubSignInEnabled } from "@/lib/auth/auth-config";
import { type GithubRefusal, githubRefusalMessages } from "@/lib/auth/github-link";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInWithPassword } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const { redirectTo, callbackUrl, error } = await searchParams;
  const refusal = typeof error === "string" && error.startsWith("github-") ? githubRefusalMessages[error.slice(7) as GithubRefusal] : undefined;
  const target = safeRedirectPath(
    typeof redirectTo === "string" ? redirectTo : typeof callbackUrl === "string" ? new URL(callbackUrl, "http://x").pathname : null,
    "/analyze",
  );
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">Sign in</h1>
        <p className="text-slate-600">Your API keys, usage and stored analyses are behind your account.</p>
      </header>
      {refusal && (
        <p role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
          {refusal}
        </p>
      )}
      <AuthForm mode="signin" action={signInWithPassword} redirectTo={target} githubEnabled={githubSignInEnabled()} />
    </div>
  );
}
