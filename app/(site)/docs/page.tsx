import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/docs/api-reference";
import { QUICKSTART_SCRIPT } from "@/lib/api-contract/quickstart";

export const metadata: Metadata = { title: "API reference" };

/**
 * The interactive API reference: the OpenAPI document the routes are generated with, rendered by
 * Swagger UI bundled into this app (no CDN, no request leaves the machine), with "Try it out"
 * against this instance.
 */
export default function DocsPage() {
  return (
    <div className="space-y-6">
      <section className="max-w-3xl space-y-3">
        <h1 className="text-2xl font-semibold">API reference</h1>
        <p className="text-slate-600">
          Every route under <code>/api/v1</code>, generated from the same schemas the server validates with (
          <a className="text-brand-600 underline" href="/api/openapi.json">
            /api/openapi.json
          </a>
          , OpenAPI 3.1). Authenticate with an API key (<code>Authorization: Bearer ie_…</code>; create one on{" "}
          <Link className="text-brand-600 underline" href="/keys">
            /keys
          </Link>
          ) or this browser&apos;s session. Errors are explained on{" "}
          <Link className="text-brand-600 underline" href="/docs/errors">
            /docs/errors
          </Link>
          .
        </p>
        <details className="rounded-lg border border-slate-200 p-3 text-sm">
          <summary className="cursor-pointer font-medium">From nothing to a key, with curl</summary>
          <pre className="mt-2 overflow-x-auto whitespace-pre text-xs" data-testid="docs-quickstart">
            {QUICKSTART_SCRIPT}
          </pre>
        </details>
      </section>
      <ApiReference url="/api/openapi.json" />
    </div>
  );
}
