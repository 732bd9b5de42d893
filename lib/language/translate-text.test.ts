import { describe, expect, it } from "vitest";
import { configuredTranslationProvider, translateText } from "./translate-text";

describe("translateText", () => {
  it("says translation is unavailable, with the reason, instead of inventing one", async () => {
    expect(configuredTranslationProvider()).toBeUndefined();
    const result = await translateText({ text: "Guten Morgen", sourceLanguage: "de", targetLanguage: "fr" });
    expect(result).toEqual({
      available: false,
      sourceLanguage: "de",
      targetLanguage: "fr",
      reason: expect.stringMatching(/^no translation model is configured on this instance; translating into French/),
    });
  });
});
