import { InvalidArgumentError, UnprocessableInputError } from "../domain-errors";
import type { contentTypes } from "./schemas";

/**
 * Checks that what was sent fits the declared content_type, and that the prompt is text a person could
 * have typed. Zero-width and bidi characters are allowed (they are attack signals the detector reports);
 * raw control characters and broken UTF-16 are not text and are refused.
 */

export interface SafetyInput {
  contentType: (typeof contentTypes)[number];
  prompt?: string;
  image?: Buffer;
}

export function validateSafetyInput(input: SafetyInput): void {
  const hasPrompt = input.prompt !== undefined;
  const hasImage = input.image !== undefined;
  const mismatch = (detail: string, field: string) => new UnprocessableInputError(detail, { field, message: detail });
  if (input.contentType === "text" && hasImage)
    throw mismatch('content_type "text" takes a prompt only; send content_type "multimodal" to check an image too.', "image");
  if (input.contentType === "image" && hasPrompt)
    throw mismatch('content_type "image" takes an image only; send content_type "multimodal" to check a prompt too.', "prompt");
  if ((input.contentType === "text" || input.contentType === "multimodal") && !hasPrompt)
    throw mismatch(`content_type "${input.contentType}" needs a prompt.`, "prompt");
  if ((input.contentType === "image" || input.contentType === "multimodal") && !hasImage)
    throw mismatch(`content_type "${input.contentType}" needs an image (base64, data URL or a multipart file).`, "image");
  if (hasPrompt) {
    const prompt = input.prompt!;
    if (prompt.trim() === "") throw mismatch("The prompt is empty.", "prompt");
    if (!prompt.isWellFormed())
      throw new InvalidArgumentError("The prompt is not valid Unicode (it contains an unpaired surrogate).", { field: "prompt", message: "malformed UTF-16" });
    const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(prompt);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      throw new InvalidArgumentError(`The prompt contains a control character (U+${code}) at position ${control.index}; send plain text.`, {
        field: "prompt",
        message: `control character U+${code}`,
      });
    }
  }
}
