import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { AnalysisResult, RelationTerm } from "@/lib/api-client/analysis-types";

const statusTone = { supported: "good", not_seen: "bad", not_checkable: "neutral" } as const;
const statusText = { supported: "seen", not_seen: "not seen", not_checkable: "not checkable" } as const;
const verdictText = {
  supported: "The image supports the text",
  partially_supported: "The image partly supports the text",
  not_supported: "The image does not support the text",
  nothing_to_check: "Nothing in the text can be checked",
} as const;

/** The caption with each checkable term marked, the verdict and the reasons. */
export function RelationView({ text, relation }: { text: string; relation: AnalysisResult["relation"] }) {
  return (
    <div className="space-y-3" data-testid="relation">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold" data-testid="relation-verdict">
          {verdictText[relation.verdict]}
        </span>
        {relation.score !== null && <Badge tone="info">score {Math.round(relation.score * 100)}%</Badge>}
      </div>
      <p className="rounded-lg bg-slate-50 p-3 leading-relaxed">{highlight(text, relation.terms)}</p>
      <p className="text-sm text-slate-600">{relation.explanation}</p>
      <ul className="space-y-1 text-sm">
        {relation.terms.map((term) => (
          <li key={`${term.start}-${term.term}`} className="flex flex-wrap items-center gap-2">
            <Badge tone={statusTone[term.status]}>{statusText[term.status]}</Badge>
            <span className="font-medium">{term.surface}</span>
            {term.evidence && (
              <span className="text-slate-600">
                ← {term.evidence.source}: {term.evidence.text}
                {term.evidence.similarity !== undefined && ` (similarity ${term.evidence.similarity.toFixed(2)})`}
              </span>
            )}
            {term.closest_known && <span className="text-slate-500">closest known: {term.closest_known}</span>}
            {term.note && <span className="text-amber-700">{term.note}</span>}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">
        Method: lexical matching
        {relation.method.semantic.available ? ` + sentence embeddings (${relation.method.semantic.model})` : ` only (${relation.method.semantic.reason})`}.{" "}
        {relation.method.image_text_model.reason}
      </p>
    </div>
  );
}

function highlight(text: string, terms: RelationTerm[]) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const term of [...terms].sort((a, b) => a.start - b.start)) {
    if (term.start < at) continue;
    parts.push(text.slice(at, term.start));
    const style = term.status === "supported" ? "bg-emerald-100 text-emerald-900" : term.status === "not_seen" ? "bg-rose-100 text-rose-900" : "bg-slate-200";
    parts.push(
      <mark key={term.start} className={`rounded px-0.5 ${style}`} title={statusText[term.status]}>
        {text.slice(term.start, term.end)}
      </mark>,
    );
    at = term.end;
  }
  parts.push(text.slice(at));
  return parts;
}
