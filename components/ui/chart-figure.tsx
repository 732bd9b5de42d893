import type { ReactNode } from "react";

/**
 * A chart with its title, a one-line takeaway computed from its data (what it shows this time) and a
 * caption saying how to read it. The chart itself is a
 * client leaf; the figure, title and caption render on the server. Narrow screens scroll the chart
 * sideways rather than squeeze its labels.
 */
export function ChartFigure({
  id,
  title,
  takeaway,
  caption,
  children,
}: {
  id: string;
  title: string;
  takeaway?: string;
  caption: ReactNode;
  children: ReactNode;
}) {
  return (
    <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-caption`} data-testid="chart" data-chart={id} className="min-w-0 space-y-2">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-800">
        {title}
      </h3>
      {takeaway && (
        <p className="text-sm text-slate-800" data-testid="chart-takeaway">
          {takeaway}
        </p>
      )}
      {/* Focusable so keyboard users can scroll it sideways too. */}
      <div className="overflow-x-auto" tabIndex={0} role="group" aria-label={`${title} (scrolls sideways on narrow screens)`}>
        <div className="min-w-[20rem]">{children}</div>
      </div>
      <figcaption id={`${id}-caption`} className="text-xs text-slate-600">
        {caption}
      </figcaption>
    </figure>
  );
}
