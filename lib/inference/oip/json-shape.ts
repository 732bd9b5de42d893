import { InvalidArgumentError } from "../../domain-errors";

/**
 * Counts a JSON text's containers (objects, arrays) and values in one pass over its bytes, before JSON.parse
 * materialises them: 10 MB of `[{},{},…]` parses into ~3.5 million objects (hundreds of MB of heap) for
 * a request the element limit would refuse afterwards anyway. Strings are skipped (their commas and
 * braces are text); the count is exact for valid JSON and merely bounded for invalid JSON, which
 * JSON.parse then refuses as before.
 */
export interface JsonShapeLimits {
  /** Objects and arrays together: an infer request has a few per tensor. */
  maxContainers: number;
  /** Scalar values and containers together (roughly its commas): OIP_MAX_ELEMENTS plus the request's own members. */
  maxValues: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const COMMA = 0x2c;

export function checkJsonShape(bytes: Uint8Array, limits: JsonShapeLimits): void {
  let containers = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++containers > limits.maxContainers) {
        throw new InvalidArgumentError(
          `The request's JSON has more than ${limits.maxContainers} objects and arrays; an inference request needs a few per tensor.`,
        );
      }
    } else if (byte === COMMA && ++values > limits.maxValues) {
      throw new InvalidArgumentError(
        `The request's JSON has more than ${limits.maxValues} values; the tensor element limit is lower (send large tensors as binary data).`,
      );
    }
  }
}
