import "server-only";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { MAX_CONTENT_CHARACTERS, multilingualRequestSchema, type MultilingualRequest } from "./schemas";

/**
 * From an HTTP request to a validated MultilingualRequest, refusing early and with the right
 * status: 415 for anything but JSON, 413 above the body limit (checked while reading, so a huge body
 * is never buffered whole) or above MAX_CONTENT_CHARACTERS, 400 for an empty body, malformed JSON
 * or a schema mismatch.
 */

// 100k characters of JSON-escaped text (\uXXXX is 6 bytes) fit in 1 MiB; MAX_BODY_BYTES may lower it.
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function parseMultilingualRequest(request: Request): Promise<MultilingualRequest> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(mediaType)) {
    throw new ApiError(
      "unsupported_media_type",
      `Send the request as JSON with content-type application/json (got ${mediaType ? `"${mediaType}"` : "no content-type"}).`,
    );
  }
  const limitBytes = Math.min(getEnv().MAX_BODY_BYTES, BODY_LIMIT_BYTES);
  const body = await readBodyText(request, limitBytes);
  if (!body.trim()) throw new ApiError("bad_request", 'The request body is empty; send JSON such as {"content": "Bonjour tout le monde"}.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ApiError("bad_request", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  const content = (parsed as { content?: unknown } | null)?.content;
  if (typeof content === "string" && content.length > MAX_CONTENT_CHARACTERS) {
    throw new ApiError(
      "payload_too_large",
      `content has ${content.length} characters; the limit is ${MAX_CONTENT_CHARACTERS}. Split the text and send it in parts.`,
      { limit: MAX_CONTENT_CHARACTERS },
    );
  }
  const result = multilingualRequestSchema.safeParse(parsed);
  if (!result.success) throw result.error;
  return result.data;
}

async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  const tooLarge = () =>
    new ApiError("payload_too_large", `The request body is larger than ${limitBytes} bytes.`, { limit_bytes: limitBytes });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Invalid UTF-8 becomes U+FFFD rather than an error: the text is still analysable.
  return new TextDecoder("utf-8").decode(bytes);
}
