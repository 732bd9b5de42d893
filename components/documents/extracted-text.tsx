import type { DocumentLineView } from "@/lib/api-client/analysis-types";
import { formatPercent } from "@/lib/format";

/** The recognised text in reading order, one row per line of the page; each line shows its confidence. */
export function ExtractedText({ lines, onActivate }: { lines: DocumentLineView[]; onActivate: (index: number | null) => void }) {
  if (lines.length === 0) return <p className="text-sm text-slate-600">No text was recognised on this page.</p>;
  const rows = new Map<number, number[]>();
  lines.forEach((line, i) => rows.set(line.row, [...(rows.get(line.row) ?? []), i]));
  return (
    <ol className="space-y-1 font-mono text-sm" data-testid="extracted-text">
      {[...rows.values()].map((indices) => (
        <li key={indices[0]} className="flex flex-wrap gap-x-3">
          {indices.map((i) => (
            // biome-ignore lint/a11y/noStaticElementInteractions: a line lights up its box on the page while hovered or focused; nothing is activated
            <span
              key={i}
              tabIndex={0}
              data-testid="text-line"
              onMouseEnter={() => onActivate(i)}
              onMouseLeave={() => onActivate(null)}
              onFocus={() => onActivate(i)}
              onBlur={() => onActivate(null)}
              title={`Line ${i + 1}, confidence ${formatPercent(lines[i].confidence)}`}
              className={`rounded px-0.5 outline-offset-2 hover:bg-amber-100 focus:bg-amber-100 ${lines[i].confidence < 0.8 ? "text-amber-800" : "text-slate-900"}`}
            >
              {lines[i].text}
            </span>
          ))}
        </li>
      ))}
    </ol>
  );
}
