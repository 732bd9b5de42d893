#!/usr/bin/env node
// `npm start`: serves the production build on PORT (default 3000) and HOSTNAME (default 0.0.0.0).
// `next start` reads PORT itself but not HOSTNAME, so this passes it on; configuration is validated
// by the server at start-up (instrumentation.ts), which exits naming any bad variable.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

if (!existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  console.error("No production build found: run `npm run build` first (or use the README's first command).");
  process.exit(1);
}
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const args = [nextBin, "start", "--port", process.env.PORT || "3000", "--hostname", process.env.HOSTNAME || "0.0.0.0"];
const child = spawn(process.execPath, args, { stdio: "inherit", env: { NODE_ENV: "production", ...process.env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
