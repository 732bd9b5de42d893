import { describe, expect, it } from "vitest";
import { identifySegments } from "./identify-segments";

describe("identifySegments", () => {
  it("splits mixed German and English into one segment per language", async () => {
    const text =
      "Ich habe heute leider keine Zeit, weil ich noch arbeiten muss. Morgen passt es mir besser. " +
      "But I will call you tomorrow morning, I promise. Have a nice evening!";
    const segments = await identifySegments(text);
    expect(segments.map((s) => s.language)).toEqual(["de", "en"]);
    for (const segment of segments) {
      expect(text.slice(segment.start, segment.end)).toBe(segment.text);
      expect(segment.reliable).toBe(true);
    }
    // Adjacent sentences in one language merge.
    expect(segments[0].text).toContain("Morgen passt es mir besser.");
  });

  it("separates languages by script inside one line", async () => {
    const segments = await identifySegments("東京は日本の首都です。 Москва — столица России. Αθήνα είναι η πρωτεύουσα της Ελλάδας.");
    expect(segments.map((s) => [s.language, s.script])).toEqual([
      ["ja", "Han"],
      ["ru", "Cyrillic"],
      ["el", "Greek"],
    ]);
  });

  it("handles Arabic, Korean and Thai lines", async () => {
    const segments = await identifySegments("مرحبا بكم في مدينتنا الجميلة\n서울은 대한민국의 수도입니다\nกรุงเทพมหานครเป็นเมืองหลวง");
    expect(segments.map((s) => s.language)).toEqual(["ar", "ko", "th"]);
  });

  it("folds pieces too short to identify into their neighbour", async () => {
    const segments = await identifySegments("OK. 2024! Das Wetter ist heute wirklich schön und warm. 🙂");
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ language: "de", start: 0 });
  });

  it("gives one unreliable segment for text that is all too short", async () => {
    const segments = await identifySegments("Hi!");
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ reliable: false, reason: "too_short" });
    expect(await identifySegments("🙂🙂")).toMatchObject([{ language: "und", reason: "no_letters" }]);
    expect(await identifySegments("")).toEqual([]);
  });

  it("stays fast on a long text (linear work)", async () => {
    const paragraph = "Der Hund läuft durch den Park. The dog runs through the park. ";
    const text = paragraph.repeat(800);
    const startedAt = performance.now();
    const segments = await identifySegments(text);
    expect(segments.length).toBeGreaterThan(100);
    expect(performance.now() - startedAt).toBeLessThan(20_000);
  });
});
