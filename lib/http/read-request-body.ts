import "server-only";
import { decodeBase64Field } from "../base64-field";
import { DomainError } from "../domain-errors";
import { ApiError, apiErrorFromDomain } from "../errors";
import type { RequestBody } from "../request-body";

/**
 * Reads a request body that is either JSON or multipart/form-data into one shape, so a route takes
 * both without caring which. Files arrive as Buffers: from multipart file parts, or from JSON
 * strings holding base64 or a data URL (decoded strictly: garbage is a 400 naming the field).
 * The body size is enforced while reading, not only from Content-Length (which may be absent).
 */

export type { RequestBody };

export interface ReadBodyOptions {
  maxBytes: number;
  /** Which fields carry files (base64 in JSON, file parts in multipart). */
  fileFields: readonly string[];
  /** Whether multipart is accepted (default true). */
  allowMultipart?: boolean;
  /** Multipart file fields that may come many times (their parts are in `uploads`, not `files`). */
  repeatedFileFields?: readonly string[];
  /** An empty body (any content type) reads as `{}`: for settings where every member is optional. */
  emptyIsObject?: boolean;
}

export async function readRequestBody(request: Request, options: ReadBodyOptions): Promise<RequestBody> {
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  const isJson = contentType.startsWith("application/json") || contentType.includes("+json");
  const isMultipart = contentType.startsWith("multipart/form-data") && options.allowMultipart !== false;
  if (options.emptyIsObject && !isJson && !isMultipart && Number(request.headers.get("content-length") ?? 0) === 0) {
    const bytes = await readLimitedBody(request, options.maxBytes);
    if (bytes.length === 0) return { values: {}, files: {}, fileTypes: {}, uploads: [], kind: "json" };
  }
  if (!isJson && !isMultipart) {
    throw new ApiError(
      "unsupported_media_type",
      `Send the request as application/json${options.allowMultipart === false ? "" : " or multipart/form-data"} (got ${contentType || "no Content-Type"}).`,
    );
  }
  const bytes = await readLimitedBody(request, options.maxBytes);
  if (bytes.length === 0 && options.emptyIsObject) return { values: {}, files: {}, fileTypes: {}, uploads: [], kind: "json" };
  return isJson ? parseJsonBody(bytes, options.fileFields) : parseMultipartBody(bytes, request.headers, options.fileFields, options.repeatedFileFields ?? []);
}

export async function readLimitedBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared, maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let received = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(received, maxBytes, true);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

function tooLarge(size: number, maxBytes: number, atLeast = false) {
  return new ApiError("payload_too_large", `The request body is ${atLeast ? "more than " : ""}${size} bytes; the limit is ${maxBytes} bytes.`);
}

function parseJsonBody(bytes: Buffer, fileFields: readonly string[]): RequestBody {
  if (bytes.length === 0) throw new ApiError("bad_request", "The request body is empty; send a JSON object.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new ApiError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ApiError("bad_request", "The request body must be a JSON object.");
  }
  const values: Record<string, unknown> = { ...(parsed as Record<string, unknown>) };
  const files: Record<string, Buffer> = {};
  const fileTypes: Record<string, string | undefined> = {};
  for (const field of fileFields) {
    const raw = values[field];
    if (raw === undefined || raw === null) continue;
    delete values[field];
    if (typeof raw !== "string") {
      throw new ApiError("invalid_input", `"${field}" must be a base64 string or a data URL.`, {
        errors: [{ field, message: `expected a string, got ${Array.isArray(raw) ? "array" : typeof raw}` }],
      });
    }
    const decoded = decodeBase64Upload(field, raw);
    files[field] = decoded.bytes;
    fileTypes[field] = decoded.mediaType;
  }
  return { values, files, fileTypes, uploads: [], kind: "json" };
}

/** The domain decoder, failing as the HTTP layer does (an ApiError, like every other reading failure here). */
function decodeBase64Upload(field: string, raw: string): { bytes: Buffer; mediaType?: string } {
  try {
    return decodeBase64Field(field, raw);
  } catch (error) {
    throw error instanceof DomainError ? apiErrorFromDomain(error) : error;
  }
}

async function parseMultipartBody(bytes: Buffer, headers: Headers, fileFields: readonly string[], repeatedFileFields: readonly string[]): Promise<RequestBody> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new ApiError("bad_request", "The multipart/form-data body could not be parsed (check the boundary and part headers).");
  }
  const values: Record<string, unknown> = {};
  const files: Record<string, Buffer> = {};
  const fileTypes: Record<string, string | undefined> = {};
  const uploads: RequestBody["uploads"] = [];
  for (const [name, entry] of form.entries()) {
    if (typeof entry !== "string" && repeatedFileFields.includes(name)) {
      uploads.push({ field: name, fileName: entry.name || undefined, bytes: Buffer.from(await entry.arrayBuffer()), type: entry.type || undefined });
    } else if (typeof entry === "string") {
      // A file field may also be sent as a base64 text part.
      if (fileFields.includes(name)) {
        const decoded = decodeBase64Upload(name, entry);
        files[name] = decoded.bytes;
        fileTypes[name] = decoded.mediaType;
      } else values[name] = entry;
    } else if (fileFields.includes(name)) {
      files[name] = Buffer.from(await entry.arrayBuffer());
      fileTypes[name] = entry.type || undefined;
    } else {
      throw new ApiError("invalid_input", `Unexpected file in field "${name}".`, { errors: [{ field: name, message: "unexpected file" }] });
    }
  }
  return { values, files, fileTypes, uploads, kind: "multipart" };
}
