import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { createKey, signUpAndSignIn } from "./accounts-client";
import { evalDataDir, evalPhoto } from "./eval-data";
import { startStandaloneServer, waitUntilReady } from "./server-process";
import { monitoringHeaders } from "./monitoring-token";

/**
 * The standalone output (`output: "standalone"`, what the container image runs) served by its own
 * server.js from a copy outside the repository, so a file that tracing missed fails here instead of
 * being read from the repository's node_modules. `npm test` builds before the e2e suite.
 */

const port = Number(process.env.E2E_STANDALONE_PORT || 3230);
const sharedMirror = path.resolve("..", "shared", "models");

test("the standalone server runs from a copy outside the repository and serves real inference", async ({ page }) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(path.join(tmpdir(), "ie-standalone-"));
  const dir = path.join(work, "app");
  try {
    // The same step the Dockerfile's build stage runs: copy the server, add .next/static and public/.
    const prepared = spawnSync(process.execPath, ["scripts/prepare-standalone.mjs", "--out", dir], { encoding: "utf8" });
    expect(prepared.status, prepared.stderr).toBe(0);
    expect(existsSync(path.join(dir, "node_modules", "next"))).toBe(true);

    const env: Record<string, string> = {
      DATA_DIR: path.join(work, "data"),
      // A fresh model cache inside the temporary folder, not the e2e suite's one in the repository.
      MODEL_CACHE_DIR: path.join(work, "data", "models"),
      DATABASE_URL: "",
    };
    // As for the other whole-process tests: the shared model mirror when this machine has one.
    const mirror = process.env.MODEL_MIRROR_DIR ? path.resolve(process.env.MODEL_MIRROR_DIR) : sharedMirror;
    if (existsSync(mirror)) env.MODEL_MIRROR_DIR = mirror;
    const server = startStandaloneServer(dir, env, port);
    try {
      const report = await waitUntilReady(server, 120_000);
      expect(report.database).toEqual({ ok: true, kind: "pglite" });

      // It really runs from the copy: its working directory, and every native library it loaded.
      expect(readlinkSync(`/proc/${server.pid}/cwd`)).toBe(dir);
      const mapped = [...new Set(readFileSync(`/proc/${server.pid}/maps`, "utf8").match(/\/\S+\.(node|so[.\d]*)$/gm) ?? [])];
      const fromNodeModules = mapped.filter((file) => file.includes("/node_modules/"));
      expect(fromNodeModules.some((file) => file.endsWith("onnxruntime_binding.node"))).toBe(true);
      expect(fromNodeModules.some((file) => file.includes("sharp"))).toBe(true);
      expect(fromNodeModules.filter((file) => !file.startsWith(`${dir}/`))).toEqual([]);

      // The landing page renders with its styles and scripts (.next/static copied in).
      const consoleErrors: string[] = [];
      page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
      await page.goto(server.baseUrl);
      await expect(page.getByTestId("landing-title")).toContainText("Multimodal machine learning");
      const stylesheet = await page.locator('link[rel="stylesheet"]').first().getAttribute("href");
      // Node's fetch may reuse a keep-alive socket from the readiness polling just as the server's
      // keep-alive timeout closes it (ECONNRESET, seen once in CI); one retry tells that from a missing file.
      const css = await fetch(`${server.baseUrl}${stylesheet}`).catch(() => fetch(`${server.baseUrl}${stylesheet}`));
      expect(css.status).toBe(200);
      expect(consoleErrors).toEqual([]);

      const models = (await (await fetch(`${server.baseUrl}/api/v1/models`)).json()) as { models: { id: string; runtime: string; available: boolean }[] };
      const onnx = models.models.filter((m) => m.runtime === "onnxruntime" && m.available).map((m) => m.id);
      expect(onnx).toEqual(expect.arrayContaining(["mobilenetv2-int8", "yolox-nano", "ppocr-v4-det", "ppocr-v4-rec"]));

      const jar = await signUpAndSignIn(server.baseUrl, "standalone@example.com", "a long passphrase");
      const { key } = await createKey(server.baseUrl, jar, ["analyze"]);
      const headers = { authorization: `Bearer ${key}` };

      const text = await fetch(`${server.baseUrl}/api/v1/analyze/multilingual`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify({ content: "Guten Morgen, wie geht es dir heute? Ich hoffe, alles ist gut." }),
      });
      expect(text.status).toBe(200);
      expect(((await text.json()) as { language: { language: string } }).language.language).toBe("de");

      // An eval photo when this machine has them (then the detector must see the dogs), else a generated PNG.
      const photo = evalDataDir
        ? readFileSync(evalPhoto("coral_pets.jpg"))
        : await sharp({ create: { width: 96, height: 64, channels: 3, background: "#c0392b" } })
            .png()
            .toBuffer();
      const form = new FormData();
      form.append("image", new Blob([new Uint8Array(photo)]), evalDataDir ? "coral_pets.jpg" : "red.png");
      form.append("text", "Two dogs on the grass");
      const image = await fetch(`${server.baseUrl}/api/v1/analyze/image-text`, { method: "POST", headers, body: form });
      expect(image.status).toBe(200);
      type Part = { available: boolean; reason?: string };
      const answer = (await image.json()) as {
        labels: Part & { top?: unknown[] };
        objects: Part & { items?: { label: string }[] };
        text_in_image: Part;
        safety: Part;
      };
      // Every stage ran on its model: ONNX Runtime (classifier, detector, OCR) and TF.js WebAssembly (NSFW).
      for (const part of [answer.labels, answer.objects, answer.text_in_image, answer.safety]) expect(part).toMatchObject({ available: true });
      expect(answer.labels.top?.length).toBeGreaterThan(0);
      if (evalDataDir) expect(answer.objects.items!.map((o) => o.label)).toContain("dog");
      // The safety layers ran on worker threads, whose entry and TypeScript were loaded from the copy.
      const metrics = await (await fetch(`${server.baseUrl}/api/metrics`, { headers: monitoringHeaders })).text();
      expect(Number(/^insight_js_worker_pool\{measure="threads"\} (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
    // SIGTERM ends it through Next's own shutdown (it closes the server, then exits 128 + 15 = 143 by
    // design); a crash would exit 1, and a hang would time the test out. Nothing was logged as an error.
    expect(await server.exited).toBe(143);
    expect(server.output()).not.toMatch(/"level":(50|60)|Error:|ENOENT/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
