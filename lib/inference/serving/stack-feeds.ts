import * as ort from "onnxruntime-node";

/**
 * Stacking requests along the batch (first) dimension and splitting a batched run's outputs back.
 * Only requests whose feeds have the same input names, element types and non-batch dimensions stack
 * (PP-OCR recognition takes any width: lines of different widths never share a run).
 */

type Feeds = Record<string, ort.Tensor>;
type NumericData = Exclude<ort.Tensor["data"], string[]>;

function isStackable(tensor: ort.Tensor): boolean {
  return tensor.location === "cpu" && tensor.dims.length > 0 && ArrayBuffer.isView(tensor.data);
}

/** What requests must share to stack, or null when this one cannot stack with any other. */
export function batchKeyOf(feeds: Feeds): { key: string; rows: number } | null {
  const names = Object.keys(feeds).sort();
  if (!names.length) return null;
  const rows = feeds[names[0]].dims[0];
  const parts: string[] = [];
  for (const name of names) {
    const tensor = feeds[name];
    if (!isStackable(tensor) || tensor.dims[0] !== rows) return null;
    parts.push(`${name}:${tensor.type}:${tensor.dims.slice(1).join("x")}`);
  }
  return rows > 0 ? { key: parts.join("|"), rows } : null;
}

/**
 * Buffers a session reuses for its stacked inputs, one per input name, grown to the largest batch
 * seen: a fresh multi-megabyte array per run cost more CPU (allocation, page faults, GC) than
 * stacking saved. Safe because a session runs one batch at a time and ONNX Runtime is done with its
 * inputs when `run` resolves.
 */
export type StackingBuffers = Map<string, NumericData>;

function bufferFor(buffers: StackingBuffers | undefined, name: string, like: NumericData, length: number): NumericData {
  const Kind = like.constructor as new (n: number) => NumericData;
  const kept = buffers?.get(name);
  if (kept && kept.constructor === Kind && kept.length >= length) return kept.subarray(0, length) as NumericData;
  const fresh = new Kind(length);
  buffers?.set(name, fresh);
  return fresh;
}

/** One feed per input, the requests' tensors concatenated along the first dimension in order. */
export function stackFeeds(requests: Feeds[], buffers?: StackingBuffers): Feeds {
  if (requests.length === 1) return requests[0];
  return Object.fromEntries(
    Object.keys(requests[0]).map((name) => {
      const parts = requests.map((feeds) => feeds[name]);
      const first = parts[0];
      const length = parts.reduce((sum, t) => sum + (t.data as NumericData).length, 0);
      const data = bufferFor(buffers, name, first.data as NumericData, length);
      let offset = 0;
      for (const part of parts) {
        (data as Float32Array).set(part.data as Float32Array, offset);
        offset += (part.data as NumericData).length;
      }
      const rows = parts.reduce((sum, t) => sum + t.dims[0], 0);
      return [name, new ort.Tensor(first.type, data, [rows, ...first.dims.slice(1)])];
    }),
  );
}

/**
 * The outputs of a stacked run cut back into each request's rows. Throws when an output's first
 * dimension is not the stacked row count (a model whose outputs are not batch-major cannot be split).
 */
export function splitOutputs(outputs: ort.InferenceSession.ReturnType, rowsPerRequest: number[]): ort.InferenceSession.ReturnType[] {
  if (rowsPerRequest.length === 1) return [outputs];
  const totalRows = rowsPerRequest.reduce((a, b) => a + b, 0);
  const split: Record<string, ort.Tensor>[] = rowsPerRequest.map(() => ({}));
  for (const [name, value] of Object.entries(outputs)) {
    const tensor = value as ort.Tensor;
    if (!isStackable(tensor) || tensor.dims[0] !== totalRows)
      throw new Error(`output "${name}" has shape [${tensor.dims.join(", ")}], not ${totalRows} rows: it cannot be split by request`);
    const rowSize = (tensor.data as NumericData).length / totalRows;
    let row = 0;
    rowsPerRequest.forEach((rows, i) => {
      const data = (tensor.data as Float32Array).slice(row * rowSize, (row + rows) * rowSize);
      split[i][name] = new ort.Tensor(tensor.type, data, [rows, ...tensor.dims.slice(1)]);
      row += rows;
    });
  }
  return split;
}
