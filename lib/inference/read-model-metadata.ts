import { readFileSync } from "node:fs";

/**
 * The metadata_props of an ONNX model (ModelProto field 14, key/value strings), read by walking the
 * top-level protobuf fields and skipping the rest (the graph is not decoded), so it costs a file read
 * and no parse of the weights.
 */

function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    if (i >= bytes.length) throw new Error("truncated protobuf varint");
    const byte = bytes[i++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, i];
    shift += 7;
  }
}

/** Calls `onField` for each top-level length-delimited field; skips the others. */
function walkFields(bytes: Uint8Array, onField: (field: number, start: number, end: number) => void): void {
  let i = 0;
  while (i < bytes.length) {
    const [tag, afterTag] = readVarint(bytes, i);
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    if (wireType === 0) i = readVarint(bytes, afterTag)[1];
    else if (wireType === 1) i = afterTag + 8;
    else if (wireType === 5) i = afterTag + 4;
    else if (wireType === 2) {
      const [length, start] = readVarint(bytes, afterTag);
      onField(field, start, start + length);
      i = start + length;
    } else throw new Error(`unsupported protobuf wire type ${wireType}`);
  }
}

const METADATA_PROPS = 14;
const decoder = new TextDecoder();

export function readModelMetadata(model: string | Uint8Array): Record<string, string> {
  const bytes = typeof model === "string" ? readFileSync(model) : model;
  const metadata: Record<string, string> = {};
  walkFields(bytes, (field, start, end) => {
    if (field !== METADATA_PROPS) return;
    const entry: Record<number, string> = {};
    walkFields(bytes.subarray(start, end), (f, s, e) => (entry[f] = decoder.decode(bytes.subarray(start + s, start + e))));
    if (entry[1] !== undefined) metadata[entry[1]] = entry[2] ?? "";
  });
  return metadata;
}
