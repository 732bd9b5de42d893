import { createHmac, randomBytes } from "node:crypto";

/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is `whsec_` + base64 bytes; each
 * attempt carries `webhook-id` (the same on every retry), `webhook-timestamp` (seconds, this
 * attempt) and `webhook-signature` = `v1,` + base64(HMAC-SHA256(secret bytes, "id.timestamp.body")).
 */

export const SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString("base64");
}

export function signWebhook({
  secret,
  id,
  timestampSeconds,
  body,
}: {
  secret: string;
  id: string;
  timestampSeconds: number;
  body: string;
}): Record<string, string> {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(timestampSeconds), "webhook-signature": `v1,${signature}` };
}
