import { describe, expect, it } from "vitest";
import { combinePredictions, ENSEMBLE_WEIGHTS } from "./combine-predictions";
import { profileScripts } from "./detect-scripts";

const input = (text: string, extra: Parameters<typeof combinePredictions>[0] extends infer T ? Partial<T> : never) => ({
  text,
  profile: profileScripts(text),
  ...extra,
});

describe("combinePredictions", () => {
  it("averages the two models with fastText weighted more", () => {
    const ranked = combinePredictions(
      input("some latin text here", {
        cld3: { language: "nl", probability: 1 },
        fastText: [
          { language: "de", probability: 0.6 },
          { language: "nl", probability: 0.4 },
        ],
      }),
    );
    expect(ranked[0].language).toBe("nl");
    expect(ranked[0].probability).toBeCloseTo(ENSEMBLE_WEIGHTS.fastText * 0.4 + ENSEMBLE_WEIGHTS.cld3 * 1, 5);
    expect(ranked[1]).toMatchObject({ language: "de" });
    expect(ranked[1].probability).toBeCloseTo(ENSEMBLE_WEIGHTS.fastText * 0.6, 5);
  });

  it("keeps a model's unassigned probability in the denominator, so unsure stays unsure", () => {
    const ranked = combinePredictions(input("words words words", { fastText: [{ language: "en", probability: 0.3 }] }));
    expect(ranked).toEqual([{ language: "en", probability: 0.3 }]);
  });

  it("rules out languages the script cannot be in and renormalises over the rest", () => {
    const ranked = combinePredictions(
      input("Привет, как дела у тебя сегодня", {
        cld3: { language: "ru", probability: 1 },
        fastText: [
          { language: "en", probability: 0.5 },
          { language: "uk", probability: 0.5 },
        ],
      }),
    );
    expect(ranked.map((r) => r.language)).toEqual(["uk", "ru"]);
    expect(ranked[0].probability + ranked[1].probability).toBeCloseTo(1, 5);
  });

  it("lets a script that names its language decide, whatever the models say", () => {
    for (const [text, language] of [
      ["안녕하세요", "ko"],
      ["สวัสดี", "th"],
      ["カタカナ", "ja"],
      ["Καλημέρα", "el"],
    ]) {
      const ranked = combinePredictions(input(text, { cld3: { language: "en", probability: 0.99 }, fastText: [{ language: "en", probability: 0.99 }] }));
      expect(ranked, text).toEqual([{ language, probability: 1 }]);
    }
  });

  it("uses simplified-only and Japanese-only Han characters to separate Chinese from Japanese", () => {
    const models = {
      cld3: { language: "ja", probability: 0.9 },
      fastText: [
        { language: "ja", probability: 0.6 },
        { language: "zh", probability: 0.4 },
      ],
    };
    // 这 and 说 are simplified forms Japanese never uses.
    expect(combinePredictions(input("这本书说", models))[0].language).toBe("zh");
    // 歴 (Chinese 历/歷) and 鉄 (Chinese 铁/鐵) are Japanese forms.
    const zhModels = {
      cld3: { language: "zh", probability: 0.99 },
      fastText: [
        { language: "zh", probability: 0.9 },
        { language: "ja", probability: 0.1 },
      ],
    };
    expect(combinePredictions(input("歴史的鉄道", zhModels))[0].language).toBe("ja");
    // Characters shared by both (国, 学) leave the models' answer standing.
    expect(combinePredictions(input("国学", zhModels))[0].language).toBe("zh");
  });

  it("falls back to the script's main language when both models named impossible ones", () => {
    const ranked = combinePredictions(input("مرحبا بالعالم", { cld3: { language: "en", probability: 0.9 }, fastText: [{ language: "fr", probability: 0.9 }] }));
    expect(ranked).toEqual([{ language: "ar", probability: 0.3 }]);
  });

  it("says nothing about text without letters", () => {
    expect(combinePredictions(input("🙂 123 !!", { cld3: null, fastText: [{ language: "en", probability: 0.2 }] }))).toEqual([]);
  });

  it("can be run without script priors (benchmark ablation)", () => {
    const ranked = combinePredictions(input("안녕하세요", { fastText: [{ language: "en", probability: 0.9 }], scriptPriors: false }));
    expect(ranked[0].language).toBe("en");
  });
});
