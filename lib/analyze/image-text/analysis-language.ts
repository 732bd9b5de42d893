// What the analysis paragraph can be written in, and how its confidence is defined: shared by the response schema
// and the composer (kept apart so that neither imports the other).

/** Languages with a template. Others get the English paragraph and a note saying so. */
export const TEMPLATE_LANGUAGES = ["en", "de", "fr"] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const CONFIDENCE_DESCRIPTION =
  "Mean of the confidences of the main findings that exist: the classifier's top-label probability, the detector's highest object score and the mean confidence of the OCR lines read. null when none of them ran or found anything. It is the models' own confidence in what they report, not a calibrated probability that the paragraph is right.";

export function isTemplateLanguage(language: string): language is TemplateLanguage {
  return (TEMPLATE_LANGUAGES as readonly string[]).includes(language);
}

/** The language's English name ("Japanese"), or undefined when the code names no language. */
export function languageName(code: string): string | undefined {
  return new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(code);
}
