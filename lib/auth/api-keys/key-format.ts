import { createHash, randomBytes } from "node:crypto";

/**
 * An API key is `ie_` followed by 32 random bytes in base64url (256 bits). Only its SHA-256 (looked up
 * through a unique index: no string comparison of secrets) and a short display form are stored.
 */

export const API_KEY_PREFIX = "ie_";
const KEY_PATTERN = /^ie_[A-Za-z0-9_-]{43}$/;

export interface GeneratedApiKey {
  key: string;
  hash: string;
  displayForm: string;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): GeneratedApiKey {
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, hash: hashApiKey(key), displayForm: displayFormOf(key) };
}

/** `ie_AbCd…WxYz`: enough to tell keys apart in a list, far too little to use. */
export function displayFormOf(key: string): string {
  return `${key.slice(0, API_KEY_PREFIX.length + 4)}…${key.slice(-4)}`;
}

export function isWellFormedApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}
