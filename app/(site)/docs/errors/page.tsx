import type { Metadata } from "next";
import Link from "next/link";
import { explanationByCode, problemStatusByCode, titleOf, type ProblemCode } from "@/lib/errors";

export const metadata: Metadata = { title: "Errors" };

/** Where every problem's `type` (/docs/errors#<code>) leads: what the code means and what to do. */
export default function ErrorsPage() {
  const codes = Object.keys(problemStatusByCode) as ProblemCode[];
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Errors</h1>
      <p className="text-slate-600">
        Every error of the API is an <code>application/problem+json</code> document (RFC 9457) with <code>type</code>, <code>title</code>, <code>status</code>,{" "}
        <code>detail</code>, <code>code</code>, <code>instance</code> and <code>request_id</code>; invalid fields are listed in{" "}
        <code>errors: [{"{ field, message }"}]</code>. The <code>type</code> of each links to its entry below. See also the{" "}
        <Link className="text-brand-600 underline" href="/docs">
          API reference
        </Link>
        .
      </p>
      <dl className="space-y-4">
        {codes.map((code) => (
          <div key={code} id={code} className="scroll-mt-20 rounded-lg border border-slate-200 p-4" data-testid="error-code">
            <dt className="font-mono text-sm">
              <a href={`#${code}`} className="font-semibold">
                {code}
              </a>{" "}
              <span className="text-slate-500">
                {problemStatusByCode[code]} {titleOf(code)}
              </span>
            </dt>
            <dd className="mt-1 text-sm text-slate-700">{explanationByCode[code]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
