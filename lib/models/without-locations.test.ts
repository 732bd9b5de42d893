import { describe, expect, it } from "vitest";
import { withoutLocations } from "./without-locations";

describe("withoutLocations", () => {
  it("drops absolute paths and URLs, keeps file names and API routes", () => {
    const reason =
      "yolox_nano.onnx: not found (local /home/app/data/models/yolox_nano.onnx: missing; mirror C:\\mirror\\yolox_nano.onnx: missing; downloads are disabled (MODEL_DOWNLOAD=0))";
    const shown = withoutLocations(reason);
    expect(shown).not.toContain("/home/app");
    expect(shown).not.toContain("C:\\mirror");
    expect(shown).toContain("yolox_nano.onnx: not found");
    expect(shown).toContain("downloads are disabled (MODEL_DOWNLOAD=0)");
    expect(shown).toContain("(local <path>: missing; mirror <path>: missing;");
    expect(withoutLocations("backend http://10.0.0.7:8000/v2 did not answer")).toBe("backend <url> did not answer");
    expect(withoutLocations("GET /api/ready says why")).toBe("GET /api/ready says why");
    expect(withoutLocations("Load model from /srv/cache/yolox-nano/model.onnx failed")).toBe("Load model from <path> failed");
  });
});
