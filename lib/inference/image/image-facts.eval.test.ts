import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "../../env";
import { decodeImage } from "./decode-image";
import { BLUR_THRESHOLD, computeImageFacts } from "./image-facts";

const evalDir = getEnv().evalDataDir;
const facts = async (name: string) =>
  computeImageFacts(await decodeImage(readFileSync(path.join(evalDir!, "images", "photos", name)), { maxBytes: 1e8, maxPixels: 1e8 }));

describe.skipIf(!evalDir)("image facts on the eval photos", () => {
  it("flags the motion-blurred clock as blurry and sharp photos as not", async () => {
    const clock = await facts("skimage_clock_motion.png");
    expect(clock.isBlurry).toBe(true);
    expect(clock.isGrayscale).toBe(true);
    for (const sharp of ["skimage_astronaut.png", "coral_pets.jpg", "sklearn_china.jpg"]) {
      const result = await facts(sharp);
      expect(result.sharpness, sharp).toBeGreaterThan(BLUR_THRESHOLD * 3);
      expect(result.isBlurry).toBe(false);
    }
  });

  it("sees the deep field as dark and black, the coffee as red, the camera photo as grayscale", async () => {
    const hubble = await facts("skimage_hubble_deep_field.jpg");
    expect(hubble.isDark).toBe(true);
    expect(hubble.dominantColours[0].name).toBe("black");
    const coffee = await facts("skimage_coffee.png");
    expect(coffee.dominantColours.map((c) => c.name)).toContain("dark red");
    expect(coffee.isGrayscale).toBe(false);
    expect((await facts("skimage_camera.png")).isGrayscale).toBe(true);
  });

  it("reports size facts and colour fractions that sum to 1", async () => {
    const cat = await facts("coral_cat_720p.jpg");
    expect(cat).toMatchObject({ width: 1280, height: 720, format: "jpeg", orientation: "landscape" });
    const total = cat.dominantColours.reduce((s, c) => s + c.fraction, 0);
    expect(total).toBeCloseTo(1, 2);
    expect(new Set(cat.dominantColours.map((c) => c.name)).size).toBe(cat.dominantColours.length);
  });
});
