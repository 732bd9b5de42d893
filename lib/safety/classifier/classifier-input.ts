import type { NormalizedText } from "../normalize/normalize-text";

/**
 * What the learned layer reads: the normalised text plus every decoded payload, so an attack hidden in
 * base64 or lookalike letters is classified as the plain text it stands for.
 */
export function classifierInput(normalized: NormalizedText): string {
  const decoded = normalized.decoded.map((segment) => segment.text);
  const deleet = normalized.views.find((v) => v.name === "deleet")?.view.text;
  return [normalized.normalized.text, ...(deleet ? [deleet] : []), ...decoded].join("\n");
}
