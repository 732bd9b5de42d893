import "server-only";
import http from "node:http";
import https from "node:https";
import { checkCallbackForm, guardedLookup } from "./callback-guard";

/**
 * One delivery attempt: POST the signed body to the callback URL with the SSRF guard on every hop
 * (the URL's form, and the addresses its host resolves to when connecting), following at most three
 * redirects. `timeoutMs` is the attempt's total deadline — DNS, connecting, sending and the whole answer,
 * over every hop — not an idle timeout: a receiver that dribbles a byte every few seconds (a tarpit) would
 * otherwise hold a delivery worker for as long as it likes. Resolves with the final status code; rejects
 * with why it could not.
 */

const MAX_REDIRECTS = 3;
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostOutcome {
  statusCode: number;
  /** The URL that answered (after redirects). */
  url: string;
}

function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  deadlineAtMs: number,
  timeoutMs: number,
): Promise<{ statusCode: number; location?: string }> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: guardedLookup,
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "insight-engine-webhooks/1",
          ...headers,
        },
      },
      (response) => {
        let received = 0;
        const answered = () => settle(() => resolve({ statusCode: response.statusCode ?? 0, location: response.headers.location }));
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          // The receiver's answer is not needed beyond its status; a huge one is cut off.
          if (received > MAX_RESPONSE_BYTES) {
            answered();
            response.destroy();
          }
        });
        response.on("end", answered);
        response.on("close", () => (response.complete ? answered() : settle(() => reject(new Error("the receiver closed the connection mid-answer")))));
        response.on("error", (error) => settle(() => reject(error)));
      },
    );
    const deadline = setTimeout(
      () => {
        settle(() => reject(new Error(`no complete answer within ${timeoutMs} ms`)));
        request.destroy();
      },
      Math.max(0, deadlineAtMs - Date.now()),
    );
    request.on("error", (error) => settle(() => reject(error)));
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
  const deadlineAtMs = Date.now() + timeoutMs;
  let current = checkCallbackForm(url);
  for (let hop = 0; ; hop++) {
    const answer = await postOnce(current, body, headers, deadlineAtMs, timeoutMs);
    const redirected = [301, 302, 307, 308].includes(answer.statusCode) && answer.location;
    if (!redirected) return { statusCode: answer.statusCode, url: current.toString() };
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    current = checkCallbackForm(new URL(answer.location!, current).toString());
  }
}
