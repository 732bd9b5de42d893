import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Tensors handed between the parent and the processes it runs on each CPU, as raw little-endian
 * float32 files plus their dims. The inputs are built once, natively, and every CPU reads the same
 * bytes: image decoding and resizing (libvips picks SIMD paths by CPU too) cannot then be the
 * reason two CPUs answer differently, only the model's kernels can.
 */

export interface SavedTensor {
  /** File name inside the folder. */
  file: string;
  dims: number[];
}

export function saveTensor(dir: string, file: string, data: Float32Array, dims: readonly number[]): SavedTensor {
  writeFileSync(path.join(dir, file), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return { file, dims: [...dims] };
}

export function loadTensor(dir: string, saved: SavedTensor): Float32Array {
  const bytes = readFileSync(path.join(dir, saved.file));
  // Copied into a fresh, aligned buffer (a Buffer may sit at any offset of a shared pool).
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
