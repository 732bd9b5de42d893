import type * as ort from "onnxruntime-node";
import { z } from "zod";
import { ApiError } from "../../errors";
import { HEADER_LENGTH, joinInferBody, splitInferBody, takeBinaryTensors } from "./binary-data";
import { modelMetadataSchema, type OipModelMetadata } from "./model-metadata";
import { tensorFromJson, tensorToJson, type OipTensorJson } from "./tensor-json";

/**
 * A client of an Open Inference Protocol v2 REST server. Tensors travel with the binary tensor data
 * extension both ways (this app, Triton and KServe's servers speak it): JSON numbers would make an
 * OCR page five times larger. Whatever goes wrong with the backend - unreachable, too slow, refusing
 * our token, answering an error or nonsense - is a 503 problem naming the backend, never a 500.
 */

export interface OipClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
}

const READY_TIMEOUT_MS = 5_000;

const inferResponseSchema = z.object({
  model_name: z.string().optional(),
  outputs: z.array(
    z.object({
      name: z.string(),
      shape: z.array(z.number()),
      datatype: z.string(),
      data: z.unknown().optional(),
      parameters: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

export class OipClient {
  readonly baseUrl: string;
  constructor(private readonly options: OipClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  /** `GET /v2/health/ready`: whether the backend says it is ready (a 200), and why not. */
  async serverReady(): Promise<{ ok: boolean; error?: string }> {
    try {
      const response = await this.call("/v2/health/ready", { method: "GET" }, READY_TIMEOUT_MS);
      await response.body?.cancel();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  async modelMetadata(model: string): Promise<OipModelMetadata> {
    const response = await this.call(`/v2/models/${encodeURIComponent(model)}`, { method: "GET" }, this.options.timeoutMs, model);
    const parsed = modelMetadataSchema.safeParse(await this.readJson(response, model));
    if (!parsed.success) throw this.malformed(model, "model metadata", parsed.error.message);
    return parsed.data;
  }

  /** `POST /v2/models/{model}/infer`: the outputs as ort.Tensors, by name. */
  async infer(model: string, feeds: Record<string, ort.Tensor>, outputNames: readonly string[]): Promise<Record<string, ort.Tensor>> {
    const inputs = Object.entries(feeds).map(([name, tensor]) => tensorToJson(name, tensor, { binary: true }));
    const header = { inputs: inputs.map((i) => i.json), outputs: outputNames.map((name) => ({ name, parameters: { binary_data: true } })) };
    const { body, headerLength } = joinInferBody(
      header,
      inputs.map((i) => i.bytes!),
    );
    const response = await this.call(
      `/v2/models/${encodeURIComponent(model)}/infer`,
      { method: "POST", body, headers: { "content-type": "application/octet-stream", [HEADER_LENGTH]: String(headerLength) } },
      this.options.timeoutMs,
      model,
    );
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      throw this.unreachable(`its answer broke off (${(error as Error).message})`);
    }
    try {
      const split = splitInferBody(bytes, response.headers.get(HEADER_LENGTH));
      const parsed = inferResponseSchema.parse(split.header);
      const slices = takeBinaryTensors(parsed.outputs as OipTensorJson[], split.binary);
      return Object.fromEntries(parsed.outputs.map((output) => [output.name, tensorFromJson(output, { binary: slices.get(output.name) })]));
    } catch (error) {
      throw this.malformed(model, "inference response", (error as Error).message);
    }
  }

  private async call(path: string, init: RequestInit, timeoutMs: number, model?: string): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.options.token) headers.set("authorization", `Bearer ${this.options.token}`);
    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === "TimeoutError" ? `it did not answer within ${timeoutMs} ms` : `${(error as Error).message}${causeOf(error)}`;
      throw this.unreachable(reason);
    }
    if (response.ok) return response;
    const message = await errorMessageOf(response);
    const detail = `The inference backend answered ${path} with ${response.status}: ${message}`;
    const extra = { backend_status: response.status, ...(model ? { model } : {}) };
    if (response.status === 401 || response.status === 403)
      throw new ApiError("service_unavailable", `${detail} (check INFERENCE_BACKEND_TOKEN).`, { ...extra, headers: { "retry-after": "30" } });
    // A model the backend lacks, or refuses to run on what this instance sends, is this model's problem only.
    if (model && response.status >= 400 && response.status < 500 && response.status !== 429) throw new ApiError("model_unavailable", detail, extra);
    throw new ApiError("service_unavailable", detail, { ...extra, headers: { "retry-after": response.headers.get("retry-after") ?? "5" } });
  }

  private async readJson(response: Response, model: string): Promise<unknown> {
    try {
      return await response.json();
    } catch {
      throw this.malformed(model, "answer", "not JSON");
    }
  }

  private unreachable(reason: string): ApiError {
    return new ApiError("service_unavailable", `The inference backend is not reachable: ${reason}.`, { headers: { "retry-after": "5" } });
  }

  private malformed(model: string, what: string, reason: string): ApiError {
    return new ApiError("model_unavailable", `The inference backend sent a malformed ${what} for model "${model}": ${reason}`, { model });
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? ` (${cause.code ?? cause.message})` : "";
}

async function errorMessageOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: unknown; detail?: unknown };
    const message = typeof body.error === "string" ? body.error : typeof body.detail === "string" ? body.detail : undefined;
    if (message) return message;
  } catch {
    // Not JSON: quote the start of the text.
  }
  return text.slice(0, 300) || "(no body)";
}
