import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../domain-errors";
import { graphIssues } from "./check-graph";
import { decodeModel, encodeModel } from "./model-file";
import { createAttribute, createNode, onnx, AttributeType, type ModelProto } from "./onnx-proto";
import { buildSmallGraph } from "./testing/build-small-graph";

/**
 * Property-based tests of the ONNX graph reader (protobuf decode + the structural graph check): any
 * bytes either decode into a model or fail with the domain's InvalidArgumentError, never a bare
 * RangeError or a hang; a model survives an encode/decode round trip unchanged.
 */

const smallModelBytes = encodeModel(buildSmallGraph({ c1: 4, c2: 8 }));
const sharedModelPath = path.resolve(process.env.MODEL_MIRROR_DIR ?? path.join("..", "shared", "models"), "mobilenetv2-12-int8.onnx");

function decodeOrDomainError(bytes: Uint8Array): ModelProto | undefined {
  try {
    const model = decodeModel(bytes);
    // A decoded graph, however odd, must be checkable without throwing.
    if (model.graph) expect(Array.isArray(graphIssues(model.graph))).toBe(true);
    return model;
  } catch (error) {
    expect(error, String((error as Error)?.stack)).toBeInstanceOf(InvalidArgumentError);
    return undefined;
  }
}

/** Truncations, bit flips and spliced random runs of a valid model file. */
const mutated = (bytes: Uint8Array) =>
  fc.oneof(
    fc.nat({ max: bytes.length }).map((end) => bytes.slice(0, end)),
    fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => {
      const copy = bytes.slice();
      for (const [at, mask] of flips) copy[at] ^= mask;
      return copy;
    }),
    fc.tuple(fc.nat({ max: bytes.length }), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, run]) => {
      const copy = bytes.slice();
      copy.set(run.subarray(0, Math.max(0, copy.length - at)), Math.min(at, copy.length));
      return copy;
    }),
  );

describe("ONNX graph reader (property-based)", () => {
  it("decodes or rejects arbitrary bytes with InvalidArgumentError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => void decodeOrDomainError(bytes)),
      { numRuns: 1000 },
    );
  });

  it("decodes or rejects truncated and corrupted model files with InvalidArgumentError", () => {
    fc.assert(
      fc.property(mutated(smallModelBytes), (bytes) => void decodeOrDomainError(bytes)),
      { numRuns: 1000 },
    );
  });

  it("reads a corrupted real model (mobilenetv2 int8 from ../shared) the same way", () => {
    if (!existsSync(sharedModelPath)) return; // No shared model folder here: the small graph above still ran.
    const bytes = new Uint8Array(readFileSync(sharedModelPath));
    fc.assert(
      fc.property(mutated(bytes), (mutant) => void decodeOrDomainError(mutant)),
      { numRuns: 40 },
    );
  });

  it("round-trips models with arbitrary node names, op types and attributes", () => {
    const node = fc.record({
      name: fc.string({ maxLength: 12 }),
      opType: fc.constantFrom("Conv", "Relu", "Add", "Custom\u0000Op", ""),
      ints: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 5 }),
      f: fc.float({ noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(node, { maxLength: 8 }), (nodes) => {
        const model = buildSmallGraph({ c1: 2, c2: 2 });
        for (const n of nodes) {
          model.graph!.node.push(
            createNode({
              name: n.name,
              opType: n.opType,
              input: [],
              output: [],
              attribute: [
                createAttribute({ name: "k", type: AttributeType.INTS, ints: n.ints }),
                createAttribute({ name: "f", type: AttributeType.FLOAT, f: n.f }),
              ],
            }),
          );
        }
        const bytes = encodeModel(model);
        expect(Buffer.compare(Buffer.from(encodeModel(decodeModel(bytes))), Buffer.from(bytes))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects (or reads) subgraphs nested 20k deep without crashing the process", () => {
    let graph = onnx.GraphProto.create({ name: "leaf" });
    for (let depth = 0; depth < 20_000; depth++) {
      graph = onnx.GraphProto.create({
        name: "g",
        node: [createNode({ opType: "If", attribute: [createAttribute({ name: "then_branch", type: AttributeType.GRAPH, g: graph })] })],
      });
    }
    let bytes: Uint8Array;
    try {
      bytes = encodeModel(onnx.ModelProto.create({ graph }) as ModelProto);
    } catch {
      return; // The encoder itself recurses too deep: such a file cannot even be written here.
    }
    decodeOrDomainError(bytes);
  });
});
