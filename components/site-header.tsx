import Link from "next/link";
import type { Caller } from "@/lib/auth/caller";
import { HeaderDisclosure } from "./header-disclosure";
import { navItems } from "./nav-items";

const accountLinks = [
  { href: "/batch", label: "Batch" },
  { href: "/history", label: "History" },
  { href: "/keys", label: "API keys" },
  { href: "/usage", label: "Usage" },
];

const tools = navItems.filter((item) => item.available);
const inlineLink = "whitespace-nowrap text-slate-600 hover:text-slate-900";
const menuLink = "block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100";

/**
 * The header, one row at every width: the tools inline from 1024 px and behind a "Menu" button below;
 * a signed-in account's pages and sign-out behind a menu button showing its e-mail (a phone shows "Account");
 * a visitor sees sign-in and sign-up, a guest a badge too.
 */
export function SiteHeader({ user, signOut }: { user: Caller | null; signOut: () => Promise<void> }) {
  const signedIn = user !== null && user.role !== "guest";
  return (
    <header className="border-b border-slate-200 bg-white" data-testid="site-header">
      <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:gap-6 sm:px-6">
        <Link href="/" className="whitespace-nowrap text-lg font-semibold tracking-tight text-slate-900">
          Insight <span className="text-brand-600">Engine</span>
        </Link>
        <nav aria-label="Main" className="hidden lg:block">
          <ul className="flex gap-x-4 text-sm">
            {tools.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className={inlineLink}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <HeaderDisclosure
          className="lg:hidden"
          summary={
            <>
              Menu<span className="sr-only"> of the tools</span>
            </>
          }
          testId="tools-menu"
        >
          <nav aria-label="Main">
            <ul>
              {tools.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className={menuLink}>
                    {item.label}
                  </Link>
                </li>
              ))}
              {user?.role === "guest" && (
                <li className="sm:hidden">
                  <Link href="/history" className={menuLink}>
                    History
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        </HeaderDisclosure>
        <div className="ml-auto flex items-center gap-x-2 text-sm sm:gap-x-3" data-testid="account-menu">
          {signedIn ? (
            <HeaderDisclosure
              summary={
                <>
                  <span className="sr-only">Account menu: </span>
                  <span className="hidden max-w-64 truncate sm:inline" data-testid="signed-in-as">
                    {user.email}
                  </span>
                  <span className="sm:hidden">Account</span>
                </>
              }
              panelClassName="right-0"
              testId="account-menu-disclosure"
            >
              <p className="truncate px-3 py-2 text-xs text-slate-600 sm:hidden">Signed in as {user.email}</p>
              <ul>
                {[...accountLinks, ...(user.role === "admin" ? [{ href: "/admin", label: "Admin" }] : [])].map((link) => (
                  <li key={link.href}>
                    <Link href={link.href} className={menuLink}>
                      {link.label}
                    </Link>
                  </li>
                ))}
              </ul>
              <form action={signOut} className="mt-1 border-t border-slate-100 pt-1">
                <button type="submit" className={`${menuLink} w-full text-left text-brand-700`}>
                  Sign out
                </button>
              </form>
            </HeaderDisclosure>
          ) : (
            <>
              {user?.role === "guest" && (
                <>
                  <Link href="/history" className={`hidden sm:inline ${inlineLink}`}>
                    History
                  </Link>
                  {/* On a phone the badge would push the sign-up button off the screen; the tool pages say "guest" themselves. */}
                  <span className="hidden rounded bg-amber-100 px-2 py-0.5 text-amber-900 sm:inline">Guest</span>
                </>
              )}
              <Link href="/signin" className={inlineLink}>
                Sign in
              </Link>
              <Link href="/signup" className="whitespace-nowrap rounded-lg bg-brand-600 px-3 py-1 text-white hover:bg-brand-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
