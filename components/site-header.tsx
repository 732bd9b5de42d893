import Link from "next/link";
import { navItems } from "./nav-items";

export function SiteHeader() {
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
      </nav>
    </header>
  );
}
