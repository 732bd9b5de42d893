import type { DocumentLineView } from "@/lib/api-client/analysis-types";

/**
 * The uploaded page with every OCR line's polygon drawn over it, in the page's own pixels (the SVG
 * scales with the image). Lines of the answer are filled; a hovered or focused line in the text
 * list is outlined strongly.
 */
export function PageOverlay({
  src,
  width,
  height,
  lines,
  highlighted = [],
  active,
}: {
  src: string;
  width: number;
  height: number;
  lines: DocumentLineView[];
  highlighted?: number[];
  active?: number | null;
}) {
  const stroke = Math.max(1.5, Math.max(width, height) / 500);
  return (
    <figure className="relative w-full overflow-hidden rounded-lg border border-slate-200 bg-slate-100" data-testid="page-overlay">
      {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset */}
      <img src={src} alt="The uploaded page with the recognised lines outlined" className="block h-auto w-full" />
      <svg viewBox={`0 0 ${width} ${height}`} className="absolute inset-0 h-full w-full" aria-hidden="true">
        {lines.map((line, i) => {
          const isHighlighted = highlighted.includes(i);
          const isActive = active === i;
          return (
            <polygon
              key={i}
              data-testid="line-box"
              points={line.polygon.map(([x, y]) => `${x},${y}`).join(" ")}
              fill={isHighlighted ? "rgba(234, 179, 8, 0.35)" : "rgba(37, 99, 235, 0.06)"}
              stroke={isActive ? "#dc2626" : isHighlighted ? "#ca8a04" : "#2563eb"}
              strokeWidth={isActive ? stroke * 2.5 : stroke}
            />
          );
        })}
      </svg>
      <figcaption className="sr-only">{lines.length} text lines recognised on the page.</figcaption>
    </figure>
  );
}
