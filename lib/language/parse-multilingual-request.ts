import { TooLargeError } from "../domain-errors";
import { MAX_CONTENT_CHARACTERS, multilingualRequestSchema, type MultilingualRequest } from "./schemas";

/**
 * From the body's members (read by the API wrapper: 415 for anything but JSON, 413 above the body
 * limit) to a validated MultilingualRequest: 413 above MAX_CONTENT_CHARACTERS, named in characters,
 * before the schema's 400s.
 */
export function parseMultilingualRequest(values: Record<string, unknown>): MultilingualRequest {
  const content = values.content;
  if (typeof content === "string" && content.length > MAX_CONTENT_CHARACTERS) {
    throw new TooLargeError(
      `content has ${content.length} characters; the limit is ${MAX_CONTENT_CHARACTERS}. Split the text and send it in parts.`,
      undefined,
      { limit: MAX_CONTENT_CHARACTERS },
    );
  }
  const result = multilingualRequestSchema.safeParse(values);
  if (!result.success) throw result.error;
  return result.data;
}
