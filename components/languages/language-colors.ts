// One colour per language, in order of first appearance; full class strings so Tailwind emits them.
const palette = [
  "bg-sky-100 text-sky-950 ring-sky-300",
  "bg-amber-100 text-amber-950 ring-amber-300",
  "bg-emerald-100 text-emerald-950 ring-emerald-300",
  "bg-fuchsia-100 text-fuchsia-950 ring-fuchsia-300",
  "bg-orange-100 text-orange-950 ring-orange-300",
  "bg-teal-100 text-teal-950 ring-teal-300",
  "bg-indigo-100 text-indigo-950 ring-indigo-300",
  "bg-lime-100 text-lime-950 ring-lime-300",
];
const undetermined = "bg-slate-100 text-slate-800 ring-slate-300";

export function languageColors(languages: string[]): Map<string, string> {
  const colors = new Map<string, string>();
  for (const language of languages) {
    if (colors.has(language)) continue;
    colors.set(language, language === "und" ? undetermined : palette[colors.size % palette.length]);
  }
  return colors;
}
