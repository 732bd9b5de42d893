import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { githubSignInEnabled } from "@/lib/auth/auth-config";
import { signUpWithPassword } from "../actions";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return (
    <div className="space-y-6">
      <header className="max-w-2xl space-y-2">
        <h1 className="text-2xl font-semibold">Create an account</h1>
        <p className="text-slate-600">
          An account gets API keys, higher rate limits, usage figures and a history of your analyses. If you tried the tools as a guest, what you did moves into
          your account.
        </p>
      </header>
      <AuthForm mode="signup" action={signUpWithPassword} githubEnabled={githubSignInEnabled()} />
    </div>
  );
}
