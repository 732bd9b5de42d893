"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef } from "react";
import "swagger-ui-react/swagger-ui.css";

// Swagger UI touches window at import time, so it renders in the browser only.
const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading the API reference…</p>,
});

const selectNames: Record<string, string> = { servers: "Server" };

/**
 * Swagger UI renders its servers drop-down without an accessible name (axe: select-name). It renders
 * and re-renders on its own schedule, so a name is added to any unnamed select as it appears. Its
 * low-contrast colours are overridden in app/globals.css.
 */
function useNamedSelects(container: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const name = () => {
      for (const select of root.querySelectorAll("select:not([aria-label])")) {
        select.setAttribute("aria-label", selectNames[select.id] ?? (select.id || "Choice"));
      }
    };
    const observer = new MutationObserver(name);
    observer.observe(root, { childList: true, subtree: true });
    name();
    return () => observer.disconnect();
  }, [container]);
}

export function ApiReference({ url }: { url: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useNamedSelects(ref);
  return (
    <div ref={ref} data-testid="api-reference" className="rounded-lg border border-slate-200 bg-white">
      <SwaggerUI url={url} docExpansion="list" defaultModelsExpandDepth={0} tryItOutEnabled={false} persistAuthorization={false} />
    </div>
  );
}
