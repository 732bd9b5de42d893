import "server-only";
import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing with argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane). Checking a
 * password for an e-mail nobody has still runs one full verification against a fixed hash, so the
 * answer takes the same time whether the account exists or not.
 */

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum in the package's types)
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options as never);
}

let unknownAccountHash: Promise<string> | undefined;

/** Verifies `password` against `passwordHash`, or burns the same time when there is no hash. */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    unknownAccountHash ??= hashPassword("no account has this password, it only costs time");
    await verify(await unknownAccountHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
