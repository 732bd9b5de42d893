// `npx tsx scripts/measure-upload-memory.ts`: the memory bound of issue #19. Starts the production build on
// a fresh embedded database, sends N (default 20) concurrent maximum-size image uploads at once — a body just
// under MAX_BODY_BYTES holding an image of MAX_IMAGE_PIXELS (40 MP) — and samples the server's RSS (every
// process of its group) every 100 ms. Prints the idle RSS, the peak and each answer's status. Fails when
// the peak is above UPLOAD_RSS_LIMIT_MB (when set). IMAGE_DECODE_PIXEL_BUDGET passes through to the server.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { createKey, signUpAndSignIn } from "../e2e/accounts-client";

const port = Number(process.env.UPLOAD_PORT || 3520);
const concurrency = Number(process.env.UPLOAD_CONCURRENCY || 20);
const limitMb = process.env.UPLOAD_RSS_LIMIT_MB ? Number(process.env.UPLOAD_RSS_LIMIT_MB) : undefined;
const maxBodyBytes = 15 * 1024 * 1024;
const baseUrl = `http://127.0.0.1:${port}`;
const unlimited = { minute: { quota: 1_000_000, windowSeconds: 60 }, day: { quota: 10_000_000, windowSeconds: 86_400 } };

const dataDir = mkdtempSync(path.join(tmpdir(), "ie-upload-memory-"));
const server = spawn(process.execPath, ["scripts/start.mjs"], {
  env: {
    ...process.env,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    LOG_LEVEL: "warn",
    BENCHMARK_ON_START: "0",
    MODEL_LAB_RECIPES: "none",
    RATE_LIMITS: JSON.stringify({ anonymous: unlimited, guest: unlimited, free: unlimited, pro: unlimited }),
  },
  stdio: ["ignore", "inherit", "inherit"],
  detached: true,
});
const stopServer = () => {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // Already gone.
  }
};
process.on("exit", stopServer);

/** RSS of every process in the server's group (the start wrapper and `next start`). */
function groupRssBytes(): number {
  let rss = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== server.pid) continue;
      rss += Number(fields[21]) * 4096;
    } catch {
      // Ended between listing and reading.
    }
  }
  return rss;
}

async function waitReady() {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/ready`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the server never became ready");
}

/**
 * A 40-megapixel JPEG (6400x6250, flat: decoding costs the same per pixel whatever the picture) and padding up
 * to just under the body limit, so each request also holds a maximum-size body.
 */
async function maximumBody(): Promise<string> {
  const width = 6400;
  const height = 6250;
  const image = await sharp({ create: { width, height, channels: 3, background: "#7a8b9c" } })
    .jpeg({ quality: 80 })
    .toBuffer();
  const base = JSON.stringify({ image: image.toString("base64"), text: "a flat grey picture", tasks: ["labels"] });
  const room = maxBodyBytes - base.length - 64;
  if (room < 0) throw new Error(`the image alone is ${base.length} bytes of JSON, over the ${maxBodyBytes}-byte limit`);
  return JSON.stringify({ image: image.toString("base64"), text: "a flat grey picture", tasks: ["labels"], padding: "x".repeat(room) });
}

async function main() {
  await waitReady();
  const jar = await signUpAndSignIn(baseUrl, "memory@example.test", "memory password long enough");
  const { key } = await createKey(baseUrl, jar, ["analyze"]);
  const body = await maximumBody();
  // Settle: one small request, then the idle figure.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const idleBytes = groupRssBytes();
  let peakBytes = idleBytes;
  const sampler = setInterval(() => {
    peakBytes = Math.max(peakBytes, groupRssBytes());
  }, 100);
  const startedAt = Date.now();
  const statuses = await Promise.all(
    Array.from({ length: concurrency }, () =>
      fetch(`${baseUrl}/api/v1/analyze/image-text`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-request-timeout-ms": "600000" },
        body,
      }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      }),
    ),
  );
  clearInterval(sampler);
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const flags = readFileSync("/proc/cpuinfo", "utf8").match(/^flags\s*:\s*(.*)$/m)?.[1] ?? "";
  const simd = flags.split(" ").filter((flag) => /^(avx2|avx512f|avx512_vnni|avx_vnni|sse4_2)$/.test(flag));
  console.log(
    JSON.stringify(
      {
        concurrency,
        body_bytes: body.length,
        image_pixels: 6400 * 6250,
        decode_pixel_budget: process.env.IMAGE_DECODE_PIXEL_BUDGET ?? "default (40000000)",
        idle_rss_mb: mb(idleBytes),
        peak_rss_mb: mb(peakBytes),
        seconds: Math.round((Date.now() - startedAt) / 1000),
        statuses: Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])),
        cpus: cpus().length,
        cpu_model: cpus()[0]?.model,
        cpu_flags: simd,
      },
      null,
      2,
    ),
  );
  stopServer();
  rmSync(dataDir, { recursive: true, force: true });
  if (limitMb !== undefined && mb(peakBytes) > limitMb) {
    console.error(`peak RSS ${mb(peakBytes)} MB is over UPLOAD_RSS_LIMIT_MB=${limitMb}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  stopServer();
  process.exit(1);
});
