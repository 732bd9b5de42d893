import "server-only";
import http from "node:http";
import https from "node:https";
import { checkCallbackForm, guardedLookup } from "./callback-guard";

/**
 * One delivery attempt: POST the signed body to the callback URL with the SSRF guard on every hop
 * (the URL's form, and the addresses its host resolves to when connecting), following at most three
 * redirects, within a timeout. Resolves with the final status code; rejects with why it could not.
 */

const MAX_REDIRECTS = 3;
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostOutcome {
  statusCode: number;
  /** The URL that answered (after redirects). */
  url: string;
}

function postOnce(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<{ statusCode: number; location?: string }> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup,
        timeout: timeoutMs,
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "insight-engine-webhooks/1",
          ...headers,
        },
      },
      (response) => {
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          // The receiver's answer is not needed beyond its status; a huge one is cut off.
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on("end", () => resolve({ statusCode: response.statusCode ?? 0, location: response.headers.location }));
        response.on("close", () => resolve({ statusCode: response.statusCode ?? 0, location: response.headers.location }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", reject);
    request.end(body);
  });
}

export async function postWebhook({
  url,
  body,
  headers,
  timeoutMs,
}: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}): Promise<PostOutcome> {
  let current = checkCallbackForm(url);
  for (let hop = 0; ; hop++) {
    const answer = await postOnce(current, body, headers, timeoutMs);
    const redirected = [301, 302, 307, 308].includes(answer.statusCode) && answer.location;
    if (!redirected) return { statusCode: answer.statusCode, url: current.toString() };
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    current = checkCallbackForm(new URL(answer.location!, current).toString());
  }
}
