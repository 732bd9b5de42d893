/** Per-stage timings in milliseconds, largest first, with a bar so the expensive stage stands out. */
export function TimingsTable({ timings, total }: { timings: Record<string, number>; total: number }) {
  const rows = Object.entries(timings).sort((a, b) => b[1] - a[1]);
  return (
    <table className="w-full text-sm" data-testid="timings">
      <caption className="sr-only">Time spent in each stage, in milliseconds</caption>
      <tbody>
        {rows.map(([stage, ms]) => (
          <tr key={stage}>
            <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-600">
              {stage.replace(/_ms$/, "").replaceAll("_", " ")}
            </th>
            <td className="w-1/2">
              <div className="h-1.5 rounded bg-brand-100">
                <div className="h-1.5 rounded bg-brand-500" style={{ width: `${Math.min(100, (ms / Math.max(total, 1)) * 100)}%` }} />
              </div>
            </td>
            <td className="py-0.5 pl-2 text-right tabular-nums">{ms.toFixed(1)} ms</td>
          </tr>
        ))}
        <tr className="border-t border-slate-200 font-medium">
          <th scope="row" className="pt-1 text-left">
            total (parallel stages overlap)
          </th>
          <td />
          <td className="pt-1 text-right tabular-nums">{total.toFixed(1)} ms</td>
        </tr>
      </tbody>
    </table>
  );
}
