import "server-only";
import type * as ort from "onnxruntime-node";
import { getEnv } from "@/lib/env";
import { DomainError } from "@/lib/domain-errors";
import { ApiError } from "@/lib/errors";
import { readLimitedBody } from "@/lib/http/read-request-body";
import { runSession, type LoadedModel } from "@/lib/inference/session-pool";
import { type InferRequest, inferRequestSchema } from "@/lib/inference/oip/infer-request";
import { HEADER_LENGTH, joinInferBody, splitInferBody, takeBinaryTensors } from "@/lib/inference/oip/binary-data";
import { modelMetadataOf, type OipTensorMetadata } from "@/lib/inference/oip/model-metadata";
import { elementCount, tensorFromJson, tensorToJson, type OipTensorJson } from "@/lib/inference/oip/tensor-json";

/**
 * `POST /v2/models/{name}[/versions/{v}]/infer`: the protocol's inference request, checked against
 * the model's metadata before anything runs (names, datatypes, ranks, fixed dimensions, data
 * length, element budget), run through the app's one `runSession` (so it is served in process or
 * by the inference backend alike), and answered as JSON or with the binary tensor data extension.
 */

const invalid = (detail: string) => new ApiError("invalid_input", detail);

/** The request's tensors as ort feeds, after every check against the model's inputs. */
export function feedsFor(request: InferRequest, inputs: readonly OipTensorMetadata[], binary: Uint8Array, maxElements: number): Record<string, ort.Tensor> {
  const expected = new Map(inputs.map((input) => [input.name, input]));
  const seen = new Set<string>();
  let total = 0;
  for (const tensor of request.inputs) {
    const meta = expected.get(tensor.name);
    if (!meta) throw invalid(`Unknown input "${tensor.name}"; the model's inputs are ${[...expected.keys()].map((n) => `"${n}"`).join(", ")}.`);
    if (seen.has(tensor.name)) throw invalid(`Input "${tensor.name}" is given twice.`);
    seen.add(tensor.name);
    if (tensor.datatype !== meta.datatype) throw invalid(`Input "${tensor.name}" must be ${meta.datatype}, not ${tensor.datatype}.`);
    const fits = tensor.shape.length === meta.shape.length && meta.shape.every((dim, i) => dim < 0 || dim === tensor.shape[i]);
    if (!fits) throw invalid(`Input "${tensor.name}" has shape [${tensor.shape.join(", ")}]; the model takes [${meta.shape.join(", ")}] (-1: any size).`);
    total += elementCount(tensor.shape, tensor.name, maxElements);
    if (total > maxElements) throw invalid(`The inputs hold more than the ${maxElements} elements allowed per request.`);
  }
  const missing = [...expected.keys()].filter((name) => !seen.has(name));
  if (missing.length) throw invalid(`Missing input(s) ${missing.map((n) => `"${n}"`).join(", ")}.`);
  const slices = takeBinaryTensors(request.inputs as OipTensorJson[], binary);
  return Object.fromEntries(request.inputs.map((tensor) => [tensor.name, tensorFromJson(tensor, { maxElements, binary: slices.get(tensor.name) })]));
}

/** Which outputs to send, and whether each goes as binary data. */
function requestedOutputs(request: InferRequest, outputNames: readonly string[]): { name: string; binary: boolean }[] {
  const allBinary = request.parameters?.binary_data_output === true;
  if (!request.outputs?.length) return outputNames.map((name) => ({ name, binary: allBinary }));
  return request.outputs.map((output) => {
    if (!outputNames.includes(output.name))
      throw invalid(`Unknown output "${output.name}"; the model's outputs are ${outputNames.map((n) => `"${n}"`).join(", ")}.`);
    const binary = output.parameters?.binary_data;
    return { name: output.name, binary: typeof binary === "boolean" ? binary : allBinary };
  });
}

/** Objects and arrays one infer request's JSON may hold: a handful per tensor, for far more tensors than any model has. */
const OIP_MAX_JSON_CONTAINERS = 10_000;

export async function inferOverHttp(request: Request, loaded: LoadedModel, requestId: string): Promise<Response> {
  const env = getEnv();
  const body = await readLimitedBody(request, env.OIP_MAX_BODY_BYTES);
  const { header, binary } = splitInferBody(body, request.headers.get(HEADER_LENGTH), {
    maxContainers: OIP_MAX_JSON_CONTAINERS,
    maxValues: env.OIP_MAX_ELEMENTS + OIP_MAX_JSON_CONTAINERS,
  });
  const parsed = inferRequestSchema.parse(header);
  const metadata = modelMetadataOf(loaded.entry, loaded.session);
  const feeds = feedsFor(parsed, metadata.inputs, binary, env.OIP_MAX_ELEMENTS);
  const wanted = requestedOutputs(parsed, loaded.session.outputNames);

  let outputs: ort.InferenceSession.ReturnType;
  try {
    ({ outputs } = await runSession(loaded, feeds));
  } catch (error) {
    // A refusal by the model's queue (503) or a backend failure keeps its own meaning.
    if (error instanceof ApiError || error instanceof DomainError) throw error;
    // The inputs match the model's metadata, so what ONNX Runtime still refuses is in the values or
    // in a combination of dynamic sizes the graph cannot take (e.g. a side not a multiple of 32).
    throw new ApiError("unprocessable_content", `Model "${loaded.entry.id}" could not run on these inputs: ${(error as Error).message}`);
  }

  const encoded = wanted.map(({ name, binary: asBinary }) => {
    const tensor = outputs[name] as ort.Tensor | undefined;
    if (!tensor) throw new ApiError("model_unavailable", `Model "${loaded.entry.id}" gave no output "${name}".`, { model: loaded.entry.id });
    return tensorToJson(name, tensor, { binary: asBinary });
  });
  const answer = { model_name: loaded.entry.id, model_version: loaded.entry.version, id: parsed.id ?? requestId, outputs: encoded.map((e) => e.json) };
  const chunks = encoded.flatMap((e) => (e.bytes ? [e.bytes] : []));
  const headers = { "cache-control": "no-store" };
  if (!chunks.length) {
    const text = JSON.stringify(answer);
    return new Response(text, { headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) } });
  }
  const joined = joinInferBody(answer, chunks);
  return new Response(joined.body, {
    headers: {
      ...headers,
      "content-type": "application/octet-stream",
      [HEADER_LENGTH]: String(joined.headerLength),
      "content-length": String(joined.body.byteLength),
    },
  });
}
