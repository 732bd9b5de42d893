import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CookieJar } from "../accounts-client";
import { type ServerProcess, startServer, waitUntilReady } from "../server-process";

/**
 * The attack replays of issue #19 (accounts, addresses, limits) run against the production build as a
 * stranger meets it: `node scripts/start.mjs` on a fresh embedded database with the production limits
 * (AUTH_LIMITS and RATE_LIMITS unset) unless a spec states the figure it changes. Ports: SECURITY_PORT
 * (default 3640) plus the spec's offset. Needs only ../accounts-client, ../server-process and
 * ../admin-command, so a spec also runs against an older checkout to show the attack working there.
 */

export const SECURITY_PORT = Number(process.env.SECURITY_PORT || 3640);

export interface StrangerServer {
  server: ServerProcess;
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startStrangerServer(portOffset: number, env: Record<string, string> = {}): Promise<StrangerServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-stranger-"));
  const server = startServer(
    { DATA_DIR: dataDir, DATABASE_URL: "", AUTH_LIMITS: "", RATE_LIMITS: "", ADMIN_EMAIL: "", MODEL_LAB_RECIPES: "none", ...env },
    SECURITY_PORT + portOffset,
  );
  try {
    await waitUntilReady(server, 180_000);
  } catch (error) {
    await server.kill();
    throw error;
  }
  return {
    server,
    baseUrl: server.baseUrl,
    dataDir,
    async stop() {
      await server.kill("SIGTERM");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headers a same-origin browser request carries (the CSRF check of cookie-authenticated writes reads them). */
export const sameOrigin = (baseUrl: string) => ({ origin: baseUrl, "sec-fetch-site": "same-origin" });

export async function signUp(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email, password }),
  });
}

/** One password sign-in through next-auth's credentials callback, as a script would do it. */
export async function signInAttempt(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ response: Response; jar: CookieJar }> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  jar.store(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header(), ...headers },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  jar.store(response);
  return { response, jar };
}

/** The session cookie in a jar (`name=value`), or undefined. */
export function sessionCookie(jar: CookieJar): string | undefined {
  return jar
    .header()
    .split("; ")
    .find((pair) => /^(__Secure-|__Host-)?authjs\.session-token=/.test(pair));
}

/** Waits until at least `seconds` remain in the current minute, so a burst of calls counts against one fixed window. */
/** Waits for the next fixed minute window (the limits' windows start on the minute): a fresh count for every address. */
export async function nextMinuteWindow(): Promise<void> {
  const into = (Date.now() / 1000) % 60;
  await new Promise((resolve) => setTimeout(resolve, (60.5 - into) * 1000));
}

export async function startOfAMinuteWindow(seconds = 40): Promise<void> {
  const into = (Date.now() / 1000) % 60;
  if (into > 60 - seconds) await new Promise((resolve) => setTimeout(resolve, (60.5 - into) * 1000));
}
