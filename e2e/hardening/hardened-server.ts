import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createKey, type CookieJar, signUpAndSignIn } from "../accounts-client";
import { runAdminCommand } from "../admin-command";
import { type ServerProcess, startServer, waitUntilReady } from "../server-process";

/**
 * The production build served by `node scripts/start.mjs` on its own port and fresh embedded
 * database, for the hardening specs: rate limits raised so the corpus measures input handling, not
 * the limiter; a known AUTH_SECRET so the logs and answers can be searched for it; logs at `info`
 * (every request line) captured for the same search. Ports come from HARDENING_PORT (default 3500).
 */

export const HARDENING_PORT = Number(process.env.HARDENING_PORT || 3500);
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const unlimited = { minute: { quota: 1_000_000, windowSeconds: 60 }, day: { quota: 10_000_000, windowSeconds: 86_400 } };

export interface Account {
  email: string;
  password: string;
  jar: CookieJar;
  key: string;
  keyId: string;
}

export interface HardenedServer {
  server: ServerProcess;
  baseUrl: string;
  authSecret: string;
  admin: Account;
}

/** Every server started here, so afterAll can stop one even when beforeAll timed out mid-start. */
const started = new Set<ServerProcess>();

export async function stopHardenedServers(): Promise<void> {
  await Promise.all([...started].map((server) => server.kill("SIGTERM")));
  started.clear();
}

export async function startHardenedServer(portOffset: number, env: Record<string, string> = {}): Promise<HardenedServer> {
  const authSecret = randomBytes(32).toString("base64url");
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-hardening-"));
  const server = startServer(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      AUTH_SECRET: authSecret,
      RATE_LIMITS: JSON.stringify({ anonymous: unlimited, guest: unlimited, free: unlimited, pro: unlimited }),
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      MODEL_LAB_RECIPES: "none",
      LOG_LEVEL: "info",
      ...env,
    },
    HARDENING_PORT + portOffset,
  );
  started.add(server);
  try {
    await waitUntilReady(server, 120_000);
    // Signed up as anyone, then made admin by the operator's command (no account is admin by being first).
    const admin = await createAccount(server.baseUrl, "hardening-admin@example.test", ["analyze", "safety", "batch", "benchmarks:run", "admin"], () => {
      const made = runAdminCommand("hardening-admin@example.test", { DATA_DIR: dataDir, DATABASE_URL: env.DATABASE_URL ?? "" });
      if (made.status !== 0) throw new Error(`npm run admin failed: ${made.output}`);
    });
    return { server, baseUrl: server.baseUrl, authSecret, admin };
  } catch (error) {
    await server.kill();
    throw error;
  }
}

export async function createAccount(baseUrl: string, email: string, scopes: string[], afterSignUp?: () => void): Promise<Account> {
  const password = `pw-${randomBytes(12).toString("hex")}`;
  // Signed up here first, checked: the sign-in below would only say "302" if this failed.
  for (let attempt = 0; ; attempt++) {
    const signup = await fetch(`${baseUrl}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    if (signup.status === 201) break;
    if (signup.status !== 503 || attempt >= 10) throw new Error(`sign-up of ${email} answered ${signup.status}: ${await signup.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  afterSignUp?.();
  const jar = await signUpAndSignIn(baseUrl, email, password);
  const { id, key } = await createKey(baseUrl, jar, scopes);
  return { email, password, jar, key, keyId: id };
}

/** Headers a same-origin browser request carries (the CSRF check reads them). */
export const sameOrigin = (baseUrl: string) => ({ origin: baseUrl, "sec-fetch-site": "same-origin" });
