/** A labelled horizontal bar for a 0..1 value, with the number written out (never colour alone). */
export function ScoreBar({ label, value, tone = "neutral", testId }: { label: string; value: number; tone?: "good" | "bad" | "neutral"; testId?: string }) {
  const pct = Math.round(Math.max(0, Math.min(1, value)) * 1000) / 10;
  const colour = tone === "good" ? "bg-emerald-500" : tone === "bad" ? "bg-rose-500" : "bg-brand-500";
  return (
    <div className="space-y-1" data-testid={testId}>
      <div className="flex justify-between gap-2 text-sm">
        <span className="text-slate-700">{label}</span>
        <span className="font-mono tabular-nums text-slate-900">{pct.toFixed(1)}%</span>
      </div>
      <div
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-label={label}
      >
        <div className={`h-full ${colour}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
