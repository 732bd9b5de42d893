import Link from "next/link";
import { Card } from "@/components/ui/card";

/** What an account page shows a visitor or a guest: what they get by signing up, and the links. */
export function AccountRequired({ what }: { what: string }) {
  return (
    <Card className="max-w-xl space-y-3" data-testid="account-required">
      <p className="text-slate-700">{what}</p>
      <p className="text-sm">
        <Link className="rounded-lg bg-brand-600 px-3 py-1.5 text-white hover:bg-brand-700" href="/signup">
          Sign up
        </Link>{" "}
        or{" "}
        <Link className="text-brand-700 underline" href="/signin">
          sign in
        </Link>
        . If you tried the tools as a guest, your analyses come with you.
      </p>
    </Card>
  );
}
