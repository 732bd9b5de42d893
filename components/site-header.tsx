import Link from "next/link";
import type { Caller } from "@/lib/auth/caller";
import { navItems } from "./nav-items";

const accountLinks = [
  { href: "/batch", label: "Batch" },
  { href: "/history", label: "History" },
  { href: "/keys", label: "API keys" },
  { href: "/usage", label: "Usage" },
];

/** The header: the product's parts, and who is signed in (a guest is invited to sign up). */
export function SiteHeader({ user, signOut }: { user: Caller | null; signOut: () => Promise<void> }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-semibold tracking-tight text-slate-900">
          Insight <span className="text-brand-600">Engine</span>
        </Link>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {navItems
            .filter((item) => item.available)
            .map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="text-slate-600 hover:text-slate-900">
                  {item.label}
                </Link>
              </li>
            ))}
        </ul>
        <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="account-menu">
          {user && user.role !== "guest" ? (
            <>
              {accountLinks.map((link) => (
                <Link key={link.href} href={link.href} className="text-slate-600 hover:text-slate-900">
                  {link.label}
                </Link>
              ))}
              {user.role === "admin" && (
                <Link href="/admin" className="text-slate-600 hover:text-slate-900">
                  Admin
                </Link>
              )}
              <span className="text-slate-500" data-testid="signed-in-as">
                {user.email}
              </span>
              <form action={signOut}>
                <button type="submit" className="text-brand-700 underline">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              {user?.role === "guest" && (
                <Link href="/history" className="text-slate-600 hover:text-slate-900">
                  History
                </Link>
              )}
              {user?.role === "guest" && <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">Guest</span>}
              <Link href="/signin" className="text-slate-600 hover:text-slate-900">
                Sign in
              </Link>
              <Link href="/signup" className="rounded-lg bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
