import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "../../env";
import { analyzeImageText } from "./analyze-image-text";
import { imageTextRequestSchema, imageTextResponseSchema } from "./schema";

// Captions checked against what the real models see on the eval photos.
const evalDir = getEnv().evalDataDir;

async function analyze(file: string, text: string, language?: string) {
  const image = readFileSync(path.join(evalDir!, "images", "photos", file));
  const result = await analyzeImageText({ image, request: imageTextRequestSchema.parse({ text, language }), requestId: "test" });
  imageTextResponseSchema.parse(result);
  const status = Object.fromEntries(result.relation!.terms.map((t) => [t.term, t.status]));
  return { result, status };
}

describe.skipIf(!evalDir)("text-image relation on the eval photos", () => {
  it("supports a matching caption through synonyms and rejects a wrong animal", async () => {
    const kitten = await analyze("coral_cat_720p.jpg", "A kitten resting on a blanket");
    expect(kitten.status.kitten).toBe("supported");
    expect(kitten.result.relation!.verdict).toBe("supported");
    expect(kitten.result.relation!.explanation).toContain("kitten");

    const dog = await analyze("coral_cat_720p.jpg", "A dog running in the park");
    expect(dog.status.dog).toBe("not_seen");
    expect(dog.result.relation!.verdict).toBe("not_supported");
    expect(dog.result.relation!.score).toBeLessThan(0.35);
  }, 120_000);

  it("checks counts against the detector", async () => {
    const two = await analyze("coral_pets.jpg", "Two dogs lying on the grass");
    const dogTerm = two.result.relation!.terms.find((t) => t.term === "dog")!;
    expect(dogTerm).toMatchObject({ status: "supported", support: 1, evidence: { source: "detection", count: 2 } });
    const three = await analyze("coral_pets.jpg", "Three dogs");
    expect(three.result.relation!.terms[0]).toMatchObject({ support: 0.5, note: "the text says 3, the detector found 2" });
  });

  it("grounds the coffee caption in the classifier and detector, and rejects beer", async () => {
    const coffee = await analyze("skimage_coffee.png", "A cup of espresso");
    expect(coffee.status).toMatchObject({ cup: "supported", espresso: "supported" });
    expect(coffee.result.labels!.available && coffee.result.labels!.top[0].label).toBe("espresso");
    const beer = await analyze("skimage_coffee.png", "A glass of beer");
    expect(beer.result.relation!.verdict).toBe("not_supported");
  });

  it("uses the image facts for blur and black-and-white, and the detector for people", async () => {
    const clock = await analyze("skimage_clock_motion.png", "a blurry black and white photo of a clock");
    expect(clock.status).toMatchObject({ blurry: "supported", "black-and-white": "supported", clock: "not_seen" });
    const astronaut = await analyze("skimage_astronaut.png", "A woman astronaut");
    expect(astronaut.status.woman).toBe("supported");
  });

  it("falls back to lexical matching for non-English text", async () => {
    const german = await analyze("coral_pets.jpg", "Zwei Hunde, two dogs", "de");
    expect(german.result.relation!.method.semantic.available).toBe(false);
    expect(german.status.dog).toBe("supported");
  });
});
