import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Talking to a running instance as a script would: the README's quick-start block run by bash, and
 * the same steps (sign up, sign in through next-auth's credentials callback with its CSRF token,
 * create a key) from Node with a tiny cookie jar.
 */

export function readmeQuickstart(): string {
  const readme = readFileSync(path.resolve("README.md"), "utf8");
  const block = /<!-- quickstart:start -->\s*```bash\n([\s\S]*?)```\s*<!-- quickstart:end -->/.exec(readme);
  if (!block) throw new Error("README.md has no quick-start block between <!-- quickstart:start --> and <!-- quickstart:end -->");
  return block[1];
}

/** Runs the README's quick-start commands exactly as written, with BASE pointing at `baseUrl`. */
export function runReadmeQuickstart(baseUrl: string): { status: number | null; stdout: string; stderr: string } {
  const workDir = mkdtempSync(path.join(tmpdir(), "ie-quickstart-"));
  try {
    const run = spawnSync("bash", ["-euo", "pipefail", "-c", readmeQuickstart()], {
      cwd: workDir,
      env: { ...process.env, BASE: baseUrl },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Signs up (or finds the account already there) and signs in; returns a jar holding the session cookie. */
export async function signUpAndSignIn(baseUrl: string, email: string, password: string): Promise<CookieJar> {
  await fetch(`${baseUrl}/api/v1/auth/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  jar.store(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const signIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  jar.store(signIn);
  if (!jar.header().includes("authjs.session-token")) throw new Error(`sign-in failed for ${email}: HTTP ${signIn.status}`);
  return jar;
}

export async function createKey(baseUrl: string, jar: CookieJar, scopes: string[]): Promise<{ id: string; key: string }> {
  const response = await fetch(`${baseUrl}/api/v1/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: jar.header() },
    body: JSON.stringify({ name: "e2e", scopes }),
  });
  if (response.status !== 201) throw new Error(`key creation answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; key: string };
}
