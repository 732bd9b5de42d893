import "server-only";
import { getEnv } from "../../env";
import { ApiError } from "../../errors";
import { readRequestBody } from "../../http/read-request-body";
import { documentFieldsSchema, type DocumentFields } from "./schemas";

export interface DocumentRequest extends DocumentFields {
  imageBytes: Buffer;
}

/**
 * From an HTTP request to a validated document request: JSON with `document_image` as base64 or a
 * data URL, or multipart with a `document_image` file part; `query` and `language` as JSON members
 * or text parts. 415 for other content types, 413 above MAX_BODY_BYTES, 400 for malformed bodies,
 * bad base64, a missing image, unknown fields or a bad query.
 */
export async function parseDocumentRequest(request: Request): Promise<DocumentRequest> {
  const body = await readRequestBody(request, { maxBytes: getEnv().MAX_BODY_BYTES, fileFields: ["document_image"] });
  const imageBytes = body.files.document_image;
  if (!imageBytes) {
    throw new ApiError("invalid_input", "A page image is required: a file part named document_image, or a base64 / data-URL string in JSON.", {
      errors: [{ field: "document_image", message: "required" }],
    });
  }
  const fields = documentFieldsSchema.safeParse(body.values);
  if (!fields.success) throw fields.error;
  return { imageBytes, ...fields.data };
}
