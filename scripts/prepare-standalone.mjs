#!/usr/bin/env node
// Completes the standalone server that `next build` writes to .next/standalone: Next leaves out the
// browser assets (.next/static) and public/, expecting a CDN or a copy (Next's docs: "output:
// standalone"). This copies them in, in place, or with `--out <dir>` copies the whole server to
// <dir> first (the Dockerfile's runtime stage and e2e/standalone.spec.ts run it that way), so the
// result runs with `node <dir>/server.js` and needs nothing else from the repository.
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const built = path.resolve(distDir, "standalone");
const outIndex = process.argv.indexOf("--out");
const outArg = outIndex >= 0 ? process.argv[outIndex + 1] : undefined;
if (outIndex >= 0 && !outArg) throw new Error("--out needs a folder");
const out = outArg ? path.resolve(outArg) : built;
// The target is emptied first: never let that be the repository or a folder holding it.
if (out !== built && !path.relative(out, process.cwd()).startsWith("..")) throw new Error(`refusing to replace ${out}: it holds ${process.cwd()}`);

if (!existsSync(path.join(built, "server.js"))) {
  console.error(`No standalone server in ${built}: run \`npm run build\` first (next.config.ts sets output: "standalone").`);
  process.exit(1);
}
if (out !== built) {
  rmSync(out, { recursive: true, force: true });
  // verbatimSymlinks: keep node_modules' relative links as links instead of resolving them into the repo.
  cpSync(built, out, { recursive: true, verbatimSymlinks: true });
}
const staticOut = path.join(out, distDir, "static");
rmSync(staticOut, { recursive: true, force: true });
cpSync(path.resolve(distDir, "static"), staticOut, { recursive: true });
if (existsSync("public")) cpSync("public", path.join(out, "public"), { recursive: true, force: true });
// The server hook every start preloads (`node --import ./scripts/expose-http-server.mjs server.js`):
// the client's address from the socket (scripts/client-address.mjs) and the listener for shutdown.
for (const file of ["expose-http-server.mjs", "client-address.mjs"]) {
  cpSync(path.join("scripts", file), path.join(out, "scripts", file), { force: true });
}
console.log(`standalone server ready: node ${path.relative(process.cwd(), path.join(out, "server.js")) || "server.js"}`);
