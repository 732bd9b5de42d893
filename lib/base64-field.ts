import { InvalidArgumentError } from "./domain-errors";

/**
 * Decodes a file sent inside JSON: plain base64, base64url, or a base64 data URL (whitespace and line
 * breaks allowed). Strict: anything else is an InvalidArgumentError naming the field, so a batch item,
 * an assistant attachment or a compare request fails the same way as a route's upload field.
 */

const dataUrlPattern = /^data:([\w.+-]+\/[\w.+-]+)?((?:;[\w-]+=[\w.+-]+)*);base64,/i;
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;
const base64UrlPattern = /^[A-Za-z0-9_-]*={0,2}$/;

export function decodeBase64Field(field: string, raw: string): { bytes: Buffer; mediaType?: string } {
  let payload = raw;
  let mediaType: string | undefined;
  const dataUrl = dataUrlPattern.exec(raw);
  if (dataUrl) {
    mediaType = dataUrl[1]?.toLowerCase();
    payload = raw.slice(dataUrl[0].length);
  } else if (raw.startsWith("data:")) {
    throw new InvalidArgumentError(`"${field}" is a data URL without ";base64," — only base64 data URLs are accepted.`, {
      field,
      message: "data URL is not base64",
    });
  }
  const compact = payload.replace(/\s+/g, "");
  const valid = (base64Pattern.test(compact) || base64UrlPattern.test(compact)) && compact.replace(/=+$/, "").length % 4 !== 1;
  if (!valid || compact.length === 0) {
    throw new InvalidArgumentError(`"${field}" is not valid base64${compact.length === 0 ? " (it is empty)" : ""}.`, {
      field,
      message: compact.length === 0 ? "empty" : "malformed base64",
    });
  }
  const bytes = Buffer.from(compact, base64Pattern.test(compact) ? "base64" : "base64url");
  return { bytes, mediaType };
}
