#!/usr/bin/env node
// `npm run start:standalone`: serves the standalone build (.next/standalone/server.js) from this
// checkout, as the container image does. server.js changes its working directory to its own folder,
// so the relative defaults of the configuration would land inside the build output (wiped by the
// next build) or miss the shared model mirror: they are resolved here against the checkout first.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const prepared = spawnSync(process.execPath, ["scripts/prepare-standalone.mjs"], { stdio: "inherit" });
if (prepared.status !== 0) process.exit(prepared.status ?? 1);

const env = {
  ...process.env,
  NODE_ENV: "production",
  HOSTNAME: process.env.HOSTNAME || "0.0.0.0",
  KEEP_ALIVE_TIMEOUT: process.env.KEEP_ALIVE_TIMEOUT || "65000",
};
const absolute = (value) => (value ? path.resolve(value) : undefined);
env.DATA_DIR = absolute(env.DATA_DIR || "./data");
for (const [name, shared] of [
  ["MODEL_MIRROR_DIR", "models"],
  ["EVAL_DATA_DIR", "eval"],
]) {
  const fallback = path.resolve("..", "shared", shared);
  env[name] = absolute(env[name]) ?? (existsSync(fallback) ? fallback : undefined);
  if (!env[name]) delete env[name];
}
for (const name of ["MODEL_CACHE_DIR"]) if (env[name]) env[name] = absolute(env[name]);

// The same preload as `npm start` (scripts/expose-http-server.mjs, copied in by prepare-standalone.mjs):
// the client's address from the socket, and the listener for the graceful shutdown.
const standalone = path.join(distDir, "standalone");
const preload = pathToFileURL(path.resolve(standalone, "scripts", "expose-http-server.mjs")).href;
// MALLOC_ARENA_MAX=2 unless set: see scripts/start.mjs.
const child = spawn(process.execPath, ["--import", preload, path.join(standalone, "server.js")], { stdio: "inherit", env: { MALLOC_ARENA_MAX: "2", ...env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
