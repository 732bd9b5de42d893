import "server-only";
import pkg from "onnx-proto";
import * as ort from "onnxruntime-node";

/**
 * Whether this CPU's int8 kernels saturate, found by running them. On x86 without VNNI, ONNX
 * Runtime's U8S8 kernels multiply uint8 activations by int8 weights with `vpmaddubsw`, which adds
 * each pair of products into an int16 and saturates at 32767; with VNNI (`vpdpbusd`) or AMX the
 * products accumulate in int32 and are exact. Two tiny graphs whose every pair overflows (255 * 127
 * * 2 = 64770) show which one this machine is: MatMulInteger (the QGEMM path, also taken by Gemm,
 * MatMul and convolutions that fall back to im2col) and a 3x3 QLinearConv with 8 input channels
 * (the symmetric direct-convolution path). Exact kernels give 255 * 127 * K, saturating ones
 * about half of it.
 *
 * These sessions are the only ones created without the int8 remedy, on purpose: they measure the
 * kernels as they are. Detecting by behaviour rather than by /proc/cpuinfo flags also sees through
 * emulators and hypervisors that report the host's flags (qemu-user does).
 */

const { onnx } = pkg;
const T = onnx.TensorProto.DataType;

export interface KernelProbe {
  /** What exact int32 arithmetic gives. */
  expected: number;
  actual: number;
  exact: boolean;
}

export interface SaturationProbe {
  /** True when either int8 path lost precision. */
  saturates: boolean;
  gemm: KernelProbe;
  conv: KernelProbe;
}

const valueInfo = (name: string, type: number, dims: number[]) =>
  onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: type, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
const bytes = (name: string, type: number, dims: number[], data: ArrayLike<number>) =>
  onnx.TensorProto.create({ name, dataType: type, dims, rawData: type === T.INT8 ? new Uint8Array(Int8Array.from(data).buffer) : Uint8Array.from(data) });
const scalar = (name: string, value: number) => onnx.TensorProto.create({ name, dataType: T.FLOAT, dims: [], floatData: [value] });

function encode(nodes: object[], inputs: object[], outputs: object[], initializer: object[]): Uint8Array {
  const graph = onnx.GraphProto.create({ name: "int8-saturation-probe", node: nodes, input: inputs, output: outputs, initializer });
  return onnx.ModelProto.encode(
    onnx.ModelProto.create({ irVersion: 8, producerName: "insight-engine", opsetImport: [{ domain: "", version: 13 }], graph }),
  ).finish();
}

const GEMM = { m: 4, k: 64, n: 16 };
const CONV = { channelsIn: 8, channelsOut: 16, size: 6, kernel: 3 };
// Output scale of the conv probe: the exact sum maps to 200, a saturated one to about 100.
const CONV_TERMS = CONV.channelsIn * CONV.kernel * CONV.kernel;
const CONV_OUTPUT_SCALE = (255 * 127 * CONV_TERMS) / 200;

function gemmProbeModel(): Uint8Array {
  const node = onnx.NodeProto.create({ opType: "MatMulInteger", name: "mm", input: ["a", "b"], output: ["y"] });
  const weights = bytes("b", T.INT8, [GEMM.k, GEMM.n], new Array(GEMM.k * GEMM.n).fill(127));
  return encode([node], [valueInfo("a", T.UINT8, [GEMM.m, GEMM.k])], [valueInfo("y", T.INT32, [GEMM.m, GEMM.n])], [weights]);
}

function convProbeModel(): Uint8Array {
  const { channelsIn, channelsOut, size, kernel } = CONV;
  const node = onnx.NodeProto.create({
    opType: "QLinearConv",
    name: "conv",
    input: ["x", "xs", "xz", "w", "ws", "wz", "ys", "yz"],
    output: ["y"],
    attribute: [onnx.AttributeProto.create({ name: "kernel_shape", type: onnx.AttributeProto.AttributeType.INTS, ints: [kernel, kernel] })],
  });
  const initializer = [
    scalar("xs", 1),
    bytes("xz", T.UINT8, [], [0]),
    bytes("w", T.INT8, [channelsOut, channelsIn, kernel, kernel], new Array(channelsOut * CONV_TERMS).fill(127)),
    scalar("ws", 1),
    bytes("wz", T.INT8, [], [0]),
    scalar("ys", CONV_OUTPUT_SCALE),
    bytes("yz", T.UINT8, [], [0]),
  ];
  const out = size - kernel + 1;
  return encode([node], [valueInfo("x", T.UINT8, [1, channelsIn, size, size])], [valueInfo("y", T.UINT8, [1, channelsOut, out, out])], initializer);
}

// Serving's optimisation level, so the kernels probed are the ones the models get (the NHWC
// transformer that selects the direct convolution runs at "all").
const probeOptions: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: "all", intraOpNumThreads: 1, interOpNumThreads: 1 };

async function runProbe(model: Uint8Array, input: ort.Tensor, expected: number): Promise<KernelProbe> {
  const session = await ort.InferenceSession.create(model, probeOptions);
  try {
    const output = await session.run({ [session.inputNames[0]]: input });
    const actual = Number(output[session.outputNames[0]].data[0]);
    return { expected, actual, exact: actual === expected };
  } finally {
    await session.release();
  }
}

export async function probeInt8Saturation(): Promise<SaturationProbe> {
  const gemm = await runProbe(gemmProbeModel(), new ort.Tensor("uint8", new Uint8Array(GEMM.m * GEMM.k).fill(255), [GEMM.m, GEMM.k]), 255 * 127 * GEMM.k);
  const conv = await runProbe(
    convProbeModel(),
    new ort.Tensor("uint8", new Uint8Array(CONV.channelsIn * CONV.size * CONV.size).fill(255), [1, CONV.channelsIn, CONV.size, CONV.size]),
    Math.round((255 * 127 * CONV_TERMS) / CONV_OUTPUT_SCALE),
  );
  return { saturates: !gemm.exact || !conv.exact, gemm, conv };
}
