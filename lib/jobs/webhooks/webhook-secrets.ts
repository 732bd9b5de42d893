import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Database } from "../../db/client";
import { getWebhookSecretCiphertext, insertWebhookSecretIfMissing, replaceWebhookSecret } from "../../db/queries/webhooks";
import { ensureAuthSecret } from "../../auth/auth-secret";
import { generateWebhookSecret } from "./sign-webhook";

/**
 * Each account's webhook signing secret. It must be readable to sign with, so it is stored encrypted
 * (AES-256-GCM under a key derived from the instance secret, never the secret itself): a copy of the
 * database alone does not give it away. Created on first use; rotating replaces it at once.
 */

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", ensureAuthSecret(), "insight-engine", "webhook-secrets/v1", 32));
}

/** The answer of GET/POST /api/v1/webhooks/secret. */
export const webhookSecretSchema = z.object({ secret: z.string().startsWith("whsec_"), scheme: z.literal("standard-webhooks-v1") });

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== "v1") throw new Error("unknown webhook secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
}

export async function getWebhookSecret({ db, userId }: { db: Database; userId: string }): Promise<string> {
  const stored = await getWebhookSecretCiphertext({ db, userId });
  if (stored) return decryptSecret(stored);
  await insertWebhookSecretIfMissing({ db, userId, ciphertext: encryptSecret(generateWebhookSecret()) });
  return decryptSecret((await getWebhookSecretCiphertext({ db, userId }))!);
}

export async function rotateWebhookSecret({ db, userId }: { db: Database; userId: string }): Promise<string> {
  const secret = generateWebhookSecret();
  await replaceWebhookSecret({ db, userId, ciphertext: encryptSecret(secret) });
  return secret;
}
