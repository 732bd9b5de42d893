"use client";

import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * A header menu as a native <details> disclosure (opens with Enter/Space, works before hydration),
 * closed again when the page changes, on Escape (focus back on its button) and on a click elsewhere:
 * the header stays in the layout across client-side navigations, so nothing else would close it.
 */
export function HeaderDisclosure({
  summary,
  children,
  className = "",
  panelClassName = "",
  testId,
}: {
  /** The button's content; it is also its accessible name, so say what the menu holds (sr-only text is fine). */
  summary: ReactNode;
  children: ReactNode;
  className?: string;
  panelClassName?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();

  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of a new pathname
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);

  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && details.open) {
        details.open = false;
        details.querySelector("summary")?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, []);

  return (
    <details ref={ref} className={`group relative ${className}`} data-testid={testId}>
      <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        {summary}
        <span aria-hidden="true" className="text-xs text-slate-500 transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className={`absolute z-20 mt-2 min-w-48 rounded-lg border border-slate-200 bg-white p-2 shadow-lg ${panelClassName}`}>{children}</div>
    </details>
  );
}
