import type { AnalysisResult } from "@/lib/api-client/analysis-types";

/** Size, format, colours, brightness and blur of the uploaded picture. */
export function ImageFactsView({ image }: { image: AnalysisResult["image"] }) {
  const rows: [string, string][] = [
    ["Size", `${image.width} × ${image.height} px (${image.megapixels} MP, ${image.orientation})`],
    ["Format", `${image.format}, ${(image.size_bytes / 1024).toFixed(0)} KiB${image.has_alpha ? ", with transparency" : ""}`],
    ["Brightness", `${Math.round(image.brightness * 100)}%${image.is_dark ? " (dark)" : ""}`],
    ["Contrast", `${Math.round(image.contrast * 100)}%`],
    ["Sharpness", `${image.sharpness} (Laplacian variance)${image.is_blurry ? " — looks blurry" : ""}`],
    ["Colour", image.is_grayscale ? "grayscale" : "colour"],
  ];
  return (
    <div className="space-y-3" data-testid="image-facts">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-slate-500">{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div>
        <p className="text-sm text-slate-500">Dominant colours</p>
        <ul className="mt-1 flex flex-wrap gap-2">
          {image.dominant_colours.map((colour) => (
            <li key={colour.hex} className="flex items-center gap-1.5 text-sm">
              <span className="inline-block h-4 w-4 rounded border border-slate-300" style={{ backgroundColor: colour.hex }} aria-hidden="true" />
              {colour.name} {Math.round(colour.fraction * 100)}%
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
