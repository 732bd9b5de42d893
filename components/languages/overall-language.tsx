import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { MultilingualResult } from "@/lib/api-client/analysis-types";
import { formatPercent } from "@/lib/format";

/** The language of the whole text, how sure the ensemble is, and what each model said. */
export function OverallLanguage({ result }: { result: MultilingualResult }) {
  const language = result.language;
  if (!language) return null;
  const mixed = result.languages.filter((l) => l.language !== "und").length > 1;
  return (
    <Card data-testid="overall-language" data-language={language.language}>
      <CardTitle>Language of the whole text</CardTitle>
      <div className="mt-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="text-2xl font-semibold">{language.name ?? "Undetermined"}</span>
        <code className="text-sm text-slate-600">{language.language}</code>
        {language.script && <span className="text-sm text-slate-600">{language.script} script</span>}
        <span className="text-sm text-slate-600">confidence {formatPercent(language.confidence)}</span>
        {language.reliable ? <Badge tone="good">reliable</Badge> : <Badge tone="warn">not reliable</Badge>}
      </div>
      {!language.reliable && language.detail && (
        <p role="status" data-testid="unreliable-message" className="mt-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {language.detail}
        </p>
      )}
      {mixed && (
        <p className="mt-3 text-sm text-slate-700">
          The text mixes languages: {result.languages.map((l) => `${l.name ?? l.language} ${formatPercent(l.proportion)}`).join(", ")} of its length.
        </p>
      )}
      {language.candidates.length > 1 && (
        <p className="mt-2 text-xs text-slate-500">
          Next candidates:{" "}
          {language.candidates
            .slice(1)
            .map((c) => `${c.name ?? c.language} ${formatPercent(c.probability)}`)
            .join(", ")}
          .
        </p>
      )}
      <p className="mt-2 text-xs text-slate-500">
        fastText: {language.votes.fasttext ? `${language.votes.fasttext.language} ${formatPercent(language.votes.fasttext.probability)}` : "no answer"} · CLD3:{" "}
        {language.votes.cld3 ? `${language.votes.cld3.language} ${formatPercent(language.votes.cld3.probability)}` : "no answer"} ·{" "}
        {result.processing_time_ms.toFixed(0)} ms
      </p>
      {result.models.some((m) => !m.available) && (
        <p className="mt-2 text-xs text-amber-800">
          Unavailable:{" "}
          {result.models
            .filter((m) => !m.available)
            .map((m) => `${m.id} (${m.reason})`)
            .join("; ")}
        </p>
      )}
    </Card>
  );
}
