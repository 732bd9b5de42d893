import { Card, CardTitle } from "@/components/ui/card";
import type { MultilingualResult } from "@/lib/api-client/analysis-types";
import { formatPercent } from "@/lib/format";

/** Tokenisation statistics: words come from each segment's language-aware word segmentation. */
export function TextStats({ statistics, names }: { statistics: MultilingualResult["statistics"]; names: Map<string, string | null> }) {
  const rows: [string, string][] = [
    ["Characters", statistics.characters.toLocaleString("en")],
    ["Letters", statistics.letters.toLocaleString("en")],
    ["Words", statistics.words.toLocaleString("en")],
    ["Sentences", statistics.sentences.toLocaleString("en")],
    ["Lines", statistics.lines.toLocaleString("en")],
    ["Average word length", `${statistics.average_word_length} characters`],
  ];
  return (
    <Card data-testid="stats">
      <CardTitle>Tokenisation</CardTitle>
      <p className="mt-1 text-sm text-slate-600">Words are segmented per language, with dictionaries for Thai, Chinese and Japanese.</p>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className="text-right font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {statistics.scripts.length > 0 && (
        <>
          <h3 className="mt-4 text-sm font-semibold">Scripts</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {statistics.scripts.map((s) => (
              <li key={s.script} className="flex justify-between gap-2">
                <span>{s.script}</span>
                <span className="tabular-nums text-slate-600">
                  {s.characters} letters · {formatPercent(s.proportion)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {statistics.by_language.length > 1 && (
        <>
          <h3 className="mt-4 text-sm font-semibold">Words per language</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {statistics.by_language.map((l) => (
              <li key={l.language} className="flex justify-between gap-2">
                <span>{names.get(l.language) ?? l.language}</span>
                <span className="tabular-nums text-slate-600">{l.words} words</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
