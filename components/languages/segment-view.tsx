import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import type { LanguageSegment } from "@/lib/api-client/analysis-types";
import { formatPercent } from "@/lib/format";
import { languageColors } from "./language-colors";

const label = (s: LanguageSegment) => (s.name ? `${s.name} (${s.language})` : "Undetermined");

/** The text with each segment highlighted in its language's colour, and the same segments as a list. */
export function SegmentView({ segments }: { segments: LanguageSegment[] }) {
  const colors = languageColors(segments.map((s) => s.language));
  return (
    <Card>
      <CardTitle>Segments</CardTitle>
      <p className="mt-1 text-sm text-slate-600">Each sentence or script run is identified on its own; neighbours in the same language are merged.</p>
      <ul className="mt-3 flex flex-wrap gap-2" aria-label="Languages found">
        {[...colors].map(([language, color]) => (
          <li key={language} className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${color}`}>
            {language === "und" ? "undetermined" : (segments.find((s) => s.language === language)?.name ?? language)}
          </li>
        ))}
      </ul>
      <p className="mt-4 leading-8 break-words" data-testid="highlighted-text">
        {segments.map((segment, i) => (
          <span key={`${segment.start}-${i}`}>
            <mark
              className={`rounded px-1 py-0.5 ring-1 box-decoration-clone ${colors.get(segment.language)}`}
              title={`${label(segment)} · ${segment.script ?? "no script"} · ${formatPercent(segment.confidence)}`}
            >
              {segment.text}
            </mark>{" "}
          </span>
        ))}
      </p>
      <ol className="mt-5 divide-y divide-slate-100 text-sm" data-testid="segment-list">
        {segments.map((segment, i) => (
          <li key={`${segment.start}-${i}`} className="py-2" data-testid="segment" data-language={segment.language}>
            <div className="flex flex-wrap items-center gap-2">
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ${colors.get(segment.language)}`}>{label(segment)}</span>
              <span className="text-slate-600">{segment.script ?? "no letters"}</span>
              <span className="text-slate-600">confidence {formatPercent(segment.confidence)}</span>
              {!segment.reliable && <Badge tone="warn">{segment.reason?.replace("_", " ") ?? "unreliable"}</Badge>}
            </div>
            <p className="mt-1 text-slate-800 break-words">{segment.text}</p>
            {!segment.reliable && segment.detail && <p className="mt-1 text-xs text-amber-800">{segment.detail}</p>}
          </li>
        ))}
      </ol>
    </Card>
  );
}
