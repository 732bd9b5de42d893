/** Horizontal bars for probabilities, with the percentage written out (colour is never the only cue). */
export function ConfidenceBars({ items, testId }: { items: { label: string; value: number }[]; testId?: string }) {
  return (
    <ul className="space-y-2" data-testid={testId}>
      {items.map((item) => (
        <li key={item.label}>
          <div className="flex justify-between gap-2 text-sm">
            <span className="truncate text-slate-800">{item.label}</span>
            <span className="tabular-nums text-slate-600">{(item.value * 100).toFixed(1)}%</span>
          </div>
          <div className="mt-1 h-2 rounded-full bg-slate-100" role="presentation">
            <div className="h-2 rounded-full bg-brand-500" style={{ width: `${Math.max(1, item.value * 100)}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
