import "server-only";
import { getEnv } from "../env";
import { ApiError } from "../errors";
import { readRequestBody } from "../http/read-request-body";
import { MAX_CONTENT_CHARACTERS, multilingualRequestSchema, type MultilingualRequest } from "./schemas";

/**
 * From an HTTP request to a validated MultilingualRequest, refusing early and with the right
 * status: 415 for anything but JSON, 413 above the body limit (enforced while reading) or above
 * MAX_CONTENT_CHARACTERS, 400 for an empty body, malformed JSON or a schema mismatch.
 */

// 100k characters of JSON-escaped text (\uXXXX is 6 bytes) fit in 1 MiB; MAX_BODY_BYTES may lower it.
const BODY_LIMIT_BYTES = 1024 * 1024;

export async function parseMultilingualRequest(request: Request): Promise<MultilingualRequest> {
  const maxBytes = Math.min(getEnv().MAX_BODY_BYTES, BODY_LIMIT_BYTES);
  const { values } = await readRequestBody(request, { maxBytes, fileFields: [], allowMultipart: false });
  const content = values.content;
  if (typeof content === "string" && content.length > MAX_CONTENT_CHARACTERS) {
    throw new ApiError(
      "payload_too_large",
      `content has ${content.length} characters; the limit is ${MAX_CONTENT_CHARACTERS}. Split the text and send it in parts.`,
      { limit: MAX_CONTENT_CHARACTERS },
    );
  }
  const result = multilingualRequestSchema.safeParse(values);
  if (!result.success) throw result.error;
  return result.data;
}
