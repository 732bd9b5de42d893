/** The prompt with every evidence span marked; overlapping spans are merged so the text reads once. */
export interface Mark {
  start: number;
  end: number;
  label: string;
  tone: "attack" | "pii";
}

export function HighlightedText({ text, marks }: { text: string; marks: Mark[] }) {
  const sorted = [...marks].filter((m) => m.end > m.start && m.start < text.length).sort((a, b) => a.start - b.start);
  const merged: Mark[] = [];
  for (const mark of sorted) {
    const last = merged.at(-1);
    if (last && mark.start < last.end) {
      last.end = Math.max(last.end, mark.end);
      if (!last.label.includes(mark.label)) last.label += `, ${mark.label}`;
      if (mark.tone === "attack") last.tone = "attack";
    } else merged.push({ ...mark });
  }
  const parts: React.ReactNode[] = [];
  let cursor = 0;
  merged.forEach((mark, i) => {
    if (mark.start > cursor) parts.push(text.slice(cursor, mark.start));
    parts.push(
      <mark
        key={i}
        title={mark.label}
        data-testid="evidence-mark"
        className={`rounded px-0.5 ${mark.tone === "attack" ? "bg-rose-200 text-rose-950" : "bg-amber-200 text-amber-950"}`}
      >
        {text.slice(mark.start, Math.min(mark.end, text.length))}
      </mark>,
    );
    cursor = Math.min(mark.end, text.length);
  });
  if (cursor < text.length) parts.push(text.slice(cursor));
  return <p className="whitespace-pre-wrap break-words rounded-lg border border-slate-200 bg-slate-50 p-3 font-mono text-sm">{parts}</p>;
}
