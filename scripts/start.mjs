#!/usr/bin/env node
// `npm start`: serves the production build on PORT (default 3000) and HOSTNAME (default 0.0.0.0).
// `next start` reads PORT itself but not HOSTNAME, so this passes it on; configuration is validated
// by the server at start-up (instrumentation.ts), which exits naming any bad variable.
// SIGTERM/SIGINT are passed on to the server, which shuts down gracefully (lib/instance/shutdown.ts):
// NEXT_MANUAL_SIG_HANDLE keeps Next's own handler (close at once, exit 143) out of the way, and the
// preloaded expose-http-server.mjs lets ours close Next's listener after readiness has turned false.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

if (!existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  console.error("No production build found: run `npm run build` first (or use the README's first command).");
  process.exit(1);
}
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const preload = new URL("./expose-http-server.mjs", import.meta.url).href;
const args = [
  "--import",
  preload,
  nextBin,
  "start",
  "--port",
  process.env.PORT || "3000",
  "--hostname",
  process.env.HOSTNAME || "0.0.0.0",
  // Idle keep-alive connections outlive a load balancer's (60 s): see KEEP_ALIVE_TIMEOUT in lib/env.ts.
  "--keepAliveTimeout",
  process.env.KEEP_ALIVE_TIMEOUT || "65000",
];
// MALLOC_ARENA_MAX=2 (unless set): glibc gives every thread that allocates its own malloc arena and keeps
// what it freed there; with the inference threads and ONNX Runtime's pools that held 186-282 MB more RSS
// per load-run cell, with no CPU cost shown beyond the run-to-run noise (docs/serving.md#session-memory). glibc reads it at process start,
// hence here, for the server's process.
const child = spawn(process.execPath, args, {
  stdio: "inherit",
  env: { NODE_ENV: "production", MALLOC_ARENA_MAX: "2", ...process.env, NEXT_MANUAL_SIG_HANDLE: "true" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
