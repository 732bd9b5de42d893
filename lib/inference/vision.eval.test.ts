import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getEnv } from "../env";
import { ImageDecodeError } from "../domain-errors";
import { toProblem } from "../errors";
import { classifyImage } from "./classify-image";
import { detectObjects } from "./detect-objects";
import { decodeImage } from "./image/decode-image";

// Real models on the labelled photos of ../shared/eval/images: assertions on real outputs.
const evalDir = getEnv().evalDataDir;
const limits = { maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 };
const photo = (name: string) => decodeImage(readFileSync(path.join(evalDir!, "images", "photos", name)), limits);

describe.skipIf(!evalDir)("vision models on the eval photos", () => {
  it("MobileNetV2 puts a cat class in the cat photo's top 5", async () => {
    for (const file of ["coral_cat_720p.jpg", "skimage_chelsea.png"]) {
      const result = await classifyImage(await photo(file), { modelId: "mobilenetv2-int8" });
      expect(result.labels).toHaveLength(5);
      expect(result.labels.map((l) => l.label).join("|"), file).toMatch(/\b(tabby|tiger cat|Egyptian cat|Persian cat|Siamese cat)\b/);
    }
  });

  it("MobileNetV2 calls the coffee photo espresso", async () => {
    const result = await classifyImage(await photo("skimage_coffee.png"), { modelId: "mobilenetv2-int8" });
    expect(result.labels[0].label).toBe("espresso");
    expect(result.labels[0].probability).toBeGreaterThan(0.8);
  });

  it("YOLOX finds a person on the astronaut photo, with a box inside the image", async () => {
    const image = await photo("skimage_astronaut.png");
    const result = await detectObjects(image, { modelId: "yolox-nano" });
    const person = result.objects.find((o) => o.label === "person");
    expect(person?.score).toBeGreaterThan(0.5);
    expect(person!.box.x).toBeGreaterThanOrEqual(0);
    expect(person!.box.x + person!.box.width).toBeLessThanOrEqual(image.width);
    // The astronaut fills most of the 512x512 portrait.
    expect(person!.box.width * person!.box.height).toBeGreaterThan(0.25 * image.width * image.height);
  });

  it("YOLOX finds two dogs on the pets photo", async () => {
    const result = await detectObjects(await photo("coral_pets.jpg"), { modelId: "yolox-nano" });
    expect(result.objects.filter((o) => o.label === "dog").length).toBe(2);
  });

  it("YOLOX finds a cup on the coffee photo, a hot dog and kites with people", async () => {
    const labelsOf = async (file: string) => (await detectObjects(await photo(file), { modelId: "yolox-nano" })).objects.map((o) => o.label);
    expect(await labelsOf("skimage_coffee.png")).toContain("cup");
    expect(await labelsOf("coral_hot_dog.jpg")).toContain("hot dog");
    const kites = await labelsOf("coral_kite_and_cold.jpg");
    expect(kites).toContain("kite");
    expect(kites).toContain("person");
  });

  it("reads the BMP photo with the built-in decoder and classifies it", async () => {
    const image = await photo("coral_grace_hopper.bmp");
    expect(image.format).toBe("bmp");
    const result = await classifyImage(image, { modelId: "mobilenetv2-int8" });
    expect(result.labels.map((l) => l.label).join("|")).toMatch(/military uniform|suit|Windsor tie|bow tie|mortarboard/);
    const detection = await detectObjects(image, { modelId: "yolox-nano" });
    expect(detection.objects.map((o) => o.label)).toContain("person");
  });

  it("refuses the truncated JPEG with a 422", async () => {
    const error = await photo("speciesnet_african_elephants_truncated_file.jpg").catch((e) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect(error.problem).toBe("truncated");
    expect(toProblem(error).problem.status).toBe(422);
    expect(error.message).toMatch(/truncated/);
  });
});
