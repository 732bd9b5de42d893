import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("starts with no variables at all, on embedded defaults", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toBe(path.resolve("./data"));
    expect(env.modelCacheDir).toBe(path.join(path.resolve("./data"), "models"));
    expect(env.MODEL_DOWNLOAD).toBe(true);
    expect(env.MAX_BODY_BYTES).toBeGreaterThan(1024 * 1024);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", DATA_DIR: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts a PostgreSQL URL and coerces numbers and flags", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://u@db:5432/app", DATABASE_POOL_MAX: "20", MODEL_DOWNLOAD: "0" });
    expect(env.DATABASE_URL).toBe("postgresql://u@db:5432/app");
    expect(env.DATABASE_POOL_MAX).toBe(20);
    expect(env.MODEL_DOWNLOAD).toBe(false);
  });

  it.each([
    ["DATABASE_URL", "mysql://root@localhost/app", "postgres://"],
    ["DATABASE_POOL_MAX", "many", "number"],
    ["MODEL_DOWNLOAD", "maybe", "Invalid option"],
    ["LOG_LEVEL", "loud", "Invalid option"],
    ["AUTH_SECRET", "short", "at least 32"],
    ["MAX_IMAGE_PIXELS", "10", ">="],
    ["INFERENCE_BACKEND_URL", "ftp://models.internal", "http:// or https://"],
    ["INFERENCE_BACKEND_URL", "not a url", "http:// or https://"],
    ["INFERENCE_BACKEND_TIMEOUT_MS", "10", ">="],
  ])("rejects a bad %s with a message naming it", (variable, value, fragment) => {
    let thrown: unknown;
    try {
      parseEnv({ [variable]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    const error = thrown as EnvError;
    expect(error.issues.map((i) => i.variable)).toContain(variable);
    expect(error.message).toContain(`${variable}:`);
    expect(error.message).toContain(fragment);
  });

  it("takes an inference backend URL (without its trailing slash) and token", () => {
    const env = parseEnv({ INFERENCE_BACKEND_URL: "http://inference.internal:8000/", INFERENCE_BACKEND_TOKEN: "ie_abc" });
    expect(env.INFERENCE_BACKEND_URL).toBe("http://inference.internal:8000");
    expect(env.INFERENCE_BACKEND_TOKEN).toBe("ie_abc");
    expect(env.INFERENCE_BACKEND_TIMEOUT_MS).toBe(30_000);
    expect(parseEnv({}).INFERENCE_BACKEND_URL).toBeUndefined();
  });

  it("names every bad variable at once", () => {
    expect(() => parseEnv({ DATABASE_URL: "x", LOG_LEVEL: "x" })).toThrow(/DATABASE_URL[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*DATABASE_URL/);
  });
});
