import type * as ort from "onnxruntime-node";

/**
 * The Open Inference Protocol's tensor datatypes and their ONNX Runtime counterparts. BYTES (strings)
 * is named so it can be refused by name: no model served here takes or gives strings.
 */

export const oipDatatypes = ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES"] as const;
export type OipDatatype = (typeof oipDatatypes)[number];
export type NumericDatatype = Exclude<OipDatatype, "BYTES">;

export const ortTypeOf: Record<NumericDatatype, ort.Tensor.Type> = {
  BOOL: "bool",
  UINT8: "uint8",
  UINT16: "uint16",
  UINT32: "uint32",
  UINT64: "uint64",
  INT8: "int8",
  INT16: "int16",
  INT32: "int32",
  INT64: "int64",
  FP16: "float16",
  FP32: "float32",
  FP64: "float64",
};

const datatypeByOrtType = new Map<string, OipDatatype>([...Object.entries(ortTypeOf).map(([k, v]) => [v, k as OipDatatype] as const), ["string", "BYTES"]]);

/** The protocol's name for an ONNX Runtime element type (undefined for types it has none for, e.g. int4). */
export function datatypeOfOrtType(type: string): OipDatatype | undefined {
  return datatypeByOrtType.get(type);
}

export function isOipDatatype(value: unknown): value is OipDatatype {
  return typeof value === "string" && (oipDatatypes as readonly string[]).includes(value);
}

export const bytesPerElement: Record<NumericDatatype, number> = {
  BOOL: 1,
  UINT8: 1,
  INT8: 1,
  UINT16: 2,
  INT16: 2,
  FP16: 2,
  UINT32: 4,
  INT32: 4,
  FP32: 4,
  UINT64: 8,
  INT64: 8,
  FP64: 8,
};

type TypedArray = Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

/** A zeroed typed array of the right kind for `count` elements (FP16 as raw half-precision bits, BOOL as bytes). */
export function typedArrayFor(datatype: NumericDatatype, count: number): TypedArray {
  switch (datatype) {
    case "BOOL":
    case "UINT8":
      return new Uint8Array(count);
    case "INT8":
      return new Int8Array(count);
    case "UINT16":
    case "FP16":
      return new Uint16Array(count);
    case "INT16":
      return new Int16Array(count);
    case "UINT32":
      return new Uint32Array(count);
    case "INT32":
      return new Int32Array(count);
    case "UINT64":
      return new BigUint64Array(count);
    case "INT64":
      return new BigInt64Array(count);
    case "FP32":
      return new Float32Array(count);
    case "FP64":
      return new Float64Array(count);
  }
}

/** Inclusive ranges of the integer types whose values JSON numbers carry exactly. */
export const integerRange: Partial<Record<NumericDatatype, [number, number]>> = {
  UINT8: [0, 255],
  INT8: [-128, 127],
  UINT16: [0, 65_535],
  INT16: [-32_768, 32_767],
  UINT32: [0, 4_294_967_295],
  INT32: [-2_147_483_648, 2_147_483_647],
  // 64-bit integers beyond 2^53 cannot be written exactly as JSON numbers: the binary extension carries them.
  UINT64: [0, Number.MAX_SAFE_INTEGER],
  INT64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half-precision bits of a number, rounded to nearest even (what numpy's astype(float16) does). */
export function toHalfBits(value: number): number {
  f32[0] = value;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    let half = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rest > halfway || (rest === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  return sign | half;
}

export function fromHalfBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
