/** What the overlay needs of a detection (the analyze and compare responses both have it). */
export interface OverlayItem {
  label: string;
  score: number;
  box: { x: number; y: number; width: number; height: number };
}

const palette = ["#e11d48", "#2563eb", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d"];

/** The uploaded image with the detector's boxes drawn in original-pixel coordinates (SVG scales them). */
export function DetectionOverlay({ src, width, height, items }: { src: string; width: number; height: number; items: OverlayItem[] }) {
  const labels = [...new Set(items.map((i) => i.label))];
  const colour = (label: string) => palette[labels.indexOf(label) % palette.length];
  const stroke = Math.max(2, Math.round(Math.max(width, height) / 300));
  const fontSize = Math.max(12, Math.round(Math.max(width, height) / 45));
  return (
    <figure className="relative w-full overflow-hidden rounded-lg border border-slate-200 bg-slate-100" data-testid="detection-overlay">
      {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset */}
      <img src={src} alt="Your upload with the detected objects outlined" className="block h-auto w-full" />
      <svg viewBox={`0 0 ${width} ${height}`} className="absolute inset-0 h-full w-full" aria-hidden="true">
        {items.map((item, i) => (
          <g key={i} data-testid="detection-box">
            <rect x={item.box.x} y={item.box.y} width={item.box.width} height={item.box.height} fill="none" stroke={colour(item.label)} strokeWidth={stroke} />
            <rect
              x={item.box.x}
              y={Math.max(0, item.box.y - fontSize * 1.3)}
              width={fontSize * (item.label.length * 0.6 + 3.2)}
              height={fontSize * 1.3}
              fill={colour(item.label)}
            />
            <text x={item.box.x + fontSize * 0.3} y={Math.max(fontSize, item.box.y - fontSize * 0.3)} fill="#fff" fontSize={fontSize} fontFamily="sans-serif">
              {item.label} {Math.round(item.score * 100)}%
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="sr-only">
        {items.length ? `Detected: ${items.map((i) => `${i.label} (${Math.round(i.score * 100)}%)`).join(", ")}` : "No objects detected"}
      </figcaption>
    </figure>
  );
}
