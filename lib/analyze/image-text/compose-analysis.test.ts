import { describe, expect, it } from "vitest";
import { languageName } from "./analysis-language";
import { composeAnalysis, countObjects, overallConfidence, overallSafetyScore } from "./compose-analysis";
import type { ImageTextFindings } from "./schema";
import { sampleFindings as findings } from "./testing/sample-findings";

describe("composeAnalysis", () => {
  it("says in English what every model found, that a template wrote it, and why the caption is partly supported", () => {
    const { text, language, note } = composeAnalysis(findings, "en");
    expect(language).toBe("en");
    expect(note).toBeUndefined();
    expect(text).toMatch(/^This summary is composed from the models' outputs by a fixed template, not written by a language model\./);
    expect(text).toContain("top labels are tabby cat (62%), tiger cat (21%), and Egyptian cat (10%).");
    expect(text).not.toContain("lynx");
    // Counted per label, most numerous first, with the best score.
    expect(text).toContain("found 2 × cat (90%) and 1 × dog (50%).");
    expect(text).toContain("Text read in the image: “HELLO WORLD”.");
    expect(text).toContain("The caption is partly supported by what the models saw (score 0.50). Seen: cats (detector: cat). Not seen: horse.");
    expect(text).toContain("cat is seen by the detector; horse is not seen.");
    expect(text).toContain("judge the content safe (safety score 0.97).");
  });

  it("writes German and French from the same findings, with local number formats", () => {
    const de = composeAnalysis(findings, "de");
    expect(de.language).toBe("de");
    expect(de.text).toMatch(
      /^Diese Zusammenfassung ist nach einer festen Vorlage aus den Ausgaben der Modelle zusammengesetzt, nicht von einem Sprachmodell geschrieben\./,
    );
    // German writes a no-break space before the per cent sign.
    expect(de.text).toContain("tabby cat (62\u00a0%), tiger cat (21\u00a0%) und Egyptian cat (10\u00a0%)");
    expect(de.text).toContain("teilweise gestützt (Wert 0,50)");
    expect(de.text).toContain("Nicht gesehen: horse.");
    const fr = composeAnalysis(findings, "fr");
    expect(fr.text).toContain("partiellement confirmée par ce que les modèles ont vu (score 0,50)");
    expect(fr.text).toContain("jugent le contenu sûr");
    // The relation's explanation is English text: left out of the other languages (the term lists say why).
    expect(de.text).not.toContain("is seen by the detector");
  });

  it("falls back to English with a note naming the language for a language without a template", () => {
    const ja = composeAnalysis(findings, "ja");
    expect(ja.language).toBe("en");
    expect(ja.note).toBe("No template exists for Japanese (ja): the paragraph is in English. Templates: en, de, fr.");
    expect(ja.text).toBe(composeAnalysis(findings, "en").text);
  });

  it("says what could not run and why, and that nothing was found when nothing was", () => {
    const text = composeAnalysis({
      ...findings,
      labels: { available: false, reason: "model file missing" },
      objects: { ...findings.objects!, items: [] } as ImageTextFindings["objects"],
      text_in_image: { available: true, full_text: "", lines: [], models: [], timings: {} },
      relation: undefined,
      safety: { available: true, safety_score: 0.1, verdict: "unsafe", categories: ["nsfw"] },
    }).text;
    expect(text).toContain("Image labels could not run: model file missing.");
    expect(text).toContain("The object detector found no objects above its threshold.");
    expect(text).toContain("No text was read in the image.");
    expect(text).toContain("judge the content unsafe (safety score 0.10; nsfw).");
    expect(text).not.toContain("caption");
  });
});

describe("confidence and safety_score", () => {
  it("confidence is the mean of the top label, the best object and the mean OCR line confidence", () => {
    expect(overallConfidence(findings)).toBe(Math.round(((0.62 + 0.9 + 0.9) / 3) * 10_000) / 10_000);
    expect(overallConfidence({ ...findings, objects: undefined, text_in_image: undefined })).toBe(0.62);
    expect(overallConfidence({ ...findings, labels: undefined, objects: undefined, text_in_image: undefined })).toBeNull();
  });
  it("safety_score is the safety section's, or null without one", () => {
    expect(overallSafetyScore(findings)).toBe(0.97);
    expect(overallSafetyScore({ ...findings, safety: { available: false, reason: "x" } })).toBeNull();
  });
  it("countObjects and languageName", () => {
    expect(countObjects([{ label: "a", score: 0.2 }])).toEqual([{ label: "a", count: 1, best: 0.2 }]);
    expect(languageName("de")).toBe("German");
    expect(languageName("xx")).toBeUndefined();
  });
});
