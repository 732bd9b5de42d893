import { describe, expect, it } from "vitest";
import { multilingualResponseSchema } from "@/lib/language/schemas";
import { authorization } from "@/test/api-requests";
import { POST } from "./route";

const url = "http://localhost/api/v1/analyze/multilingual";
const post = (body: unknown) =>
  POST(new Request(url, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify(body) }));

describe("POST /api/v1/analyze/multilingual", () => {
  it("identifies the language of the whole text and of each segment", async () => {
    const content = "Ich komme morgen um acht Uhr ins Büro und bringe die Unterlagen mit. See you tomorrow at eight, I will bring the documents.";
    const response = await post({ content });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const body = multilingualResponseSchema.parse(await response.json());
    expect(["de", "en"]).toContain(body.language?.language);
    expect(body.segments.map((s) => s.language)).toEqual(["de", "en"]);
    for (const segment of body.segments) expect(content.slice(segment.start, segment.end)).toBe(segment.text);
    expect(body.languages.map((l) => l.language).sort()).toEqual(["de", "en"]);
    expect(body.statistics).toMatchObject({ words: 23, sentences: 2, lines: 1 });
    expect(body.statistics.by_language.map((l) => l.language).sort()).toEqual(["de", "en"]);
    expect(body.translation).toBeUndefined();
    expect(body.models.map((m) => [m.id, m.available])).toEqual([
      ["fasttext-lid176", true],
      ["cld3", true],
    ]);
    expect(body.models.every((m) => m.version)).toBe(true);
    expect(body.processing_time_ms).toBeGreaterThan(0);
  });

  it("answers target_language with available:false and the reason (no translation model here)", async () => {
    const response = await post({ content: "Bonjour à tous, comment allez-vous aujourd'hui ?", target_language: "de" });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.language.language).toBe("fr");
    expect(body.translation).toEqual({
      available: false,
      source_language: "fr",
      target_language: "de",
      reason: expect.stringContaining("no translation model is configured on this instance"),
    });
  });

  it("skips identification when detect_language is false but still measures the text", async () => {
    const response = await post({ content: "สวัสดีครับ ผมชื่อสมชาย", detect_language: false });
    const body = await response.json();
    expect(body).toMatchObject({ language: null, segments: [], languages: [], models: [] });
    expect(body.statistics.words).toBeGreaterThanOrEqual(3);
  });

  it("answers emoji-only text with reliable:false, not an error", async () => {
    const response = await post({ content: "🙂🎉👍🏽" });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.language).toMatchObject({ language: "und", reliable: false, reason: "no_letters" });
    expect(body.statistics).toMatchObject({ characters: 3, words: 0, letters: 0 });
  });

  it("says a too-short text is not reliable", async () => {
    const body = await (await post({ content: "ok" })).json();
    expect(body.language).toMatchObject({ reliable: false, reason: "too_short" });
    expect(body.segments).toHaveLength(1);
  });

  it("strips control characters and bidi overrides and says how many", async () => {
    const response = await post({ content: "Das\u0001 ist ein\u202e Test\u0007 mit Steuerzeichen im deutschen Satz." });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.content.removed_characters).toBe(3);
    expect(body.segments[0].text).toBe("Das ist ein Test mit Steuerzeichen im deutschen Satz.");
    expect(body.language.language).toBe("de");
  });

  it("accepts content at the length limit", async () => {
    const response = await post({ content: "a".repeat(100_000) });
    expect(response.status).toBe(200);
  });

  it("analyses 100,000 characters of mixed text in linear time", async () => {
    // Intl.Segmenter over one 100k string took 30-45 s here; chunked, the whole request takes about 2 s.
    const paragraph = "Der Hund läuft durch den Park und bellt laut. The dog runs through the park and barks loudly. 東京は日本の首都です。 ";
    const content = paragraph.repeat(Math.floor(100_000 / paragraph.length));
    const response = await post({ content });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.languages.map((l: { language: string }) => l.language).sort()).toEqual(["de", "en", "ja"]);
    expect(body.statistics.sentences).toBe(body.segments.length);
    expect(body.processing_time_ms).toBeLessThan(20_000);
  });
});
