"use client";

import dynamic from "next/dynamic";
import "swagger-ui-react/swagger-ui.css";

// Swagger UI touches window at import time, so it renders in the browser only.
const SwaggerUI = dynamic(() => import("swagger-ui-react"), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading the API reference…</p>,
});

export function ApiReference({ url }: { url: string }) {
  return (
    <div data-testid="api-reference" className="rounded-lg border border-slate-200 bg-white">
      <SwaggerUI url={url} docExpansion="list" defaultModelsExpandDepth={0} tryItOutEnabled={false} persistAuthorization={false} />
    </div>
  );
}
