import "server-only";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { getEnv } from "../../env";
import { InvalidArgumentError } from "../../domain-errors";
import { isPublicAddress } from "./public-address";
import { resolveHost } from "./resolve-host";

/**
 * The SSRF guard of callback URLs: http(s) only, no credentials in the URL, and every address the
 * host resolves to must be public — checked when the batch is submitted, and again when connecting
 * (the lookup below is what the HTTP client uses, so a name that resolves differently later, or a
 * redirect to a private address, is refused too). Hosts named in WEBHOOK_ALLOWED_HOSTS (a name or
 * an IP address) are exempt: a receiver on the same network, or a test's receiver on loopback.
 * A refusal says "not a public address" and never which address the name resolved to: echoing it would
 * make the batch endpoint an oracle for the server's internal DNS (what `db.internal` resolves to).
 */

export class CallbackRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CallbackRefused";
  }
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").toLowerCase();

function isAllowed(host: string, address?: string): boolean {
  const allowed = getEnv().WEBHOOK_ALLOWED_HOSTS;
  return allowed.includes(host) || (address !== undefined && allowed.includes(address.toLowerCase()));
}

/** Parses and checks the URL's form (scheme, credentials, a literal address's range). */
export function checkCallbackForm(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CallbackRefused("is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new CallbackRefused("must be an http or https URL");
  if (url.username || url.password) throw new CallbackRefused("must not carry credentials");
  const host = hostOf(url);
  if (isIP(host) && !isPublicAddress(host) && !isAllowed(host)) throw new CallbackRefused(NOT_PUBLIC);
  return url;
}

const NOT_PUBLIC = "is not a public address (private, loopback and reserved ranges are refused)";

/** The full check of a submitted callback URL, resolving its host now; a 400 naming the field when refused. */
export async function checkCallbackUrl(raw: string, field = "callback_url"): Promise<URL> {
  try {
    const url = checkCallbackForm(raw);
    const host = hostOf(url);
    if (!isIP(host) && !isAllowed(host)) {
      let addresses: { address: string }[];
      try {
        addresses = await resolveHost(host);
      } catch {
        throw new CallbackRefused(`host ${host} could not be resolved`);
      }
      if (addresses.some((a) => !isPublicAddress(a.address) && !isAllowed(host, a.address))) throw new CallbackRefused(NOT_PUBLIC);
    }
    return url;
  } catch (error) {
    if (!(error instanceof CallbackRefused)) throw error;
    throw new InvalidArgumentError(`${field} ${error.message}; only public http(s) addresses are accepted.`, { field, message: error.message });
  }
}

/** The DNS lookup the delivery's HTTP client uses (c-ares, with a timeout): it refuses to connect to any address that is not public. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  resolveHost(hostname).then(
    (addresses) => {
      const wanted = addresses.filter((a) => !options.family || a.family === options.family);
      const usable = wanted.filter((a) => isPublicAddress(a.address) || isAllowed(hostname.toLowerCase(), a.address));
      if (usable.length === 0) return callback(new CallbackRefused(`${hostname} ${NOT_PUBLIC}`) as NodeJS.ErrnoException, "", 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof usable) => void)(null, usable);
      callback(null, usable[0].address, usable[0].family);
    },
    (error: Error) => callback(error as NodeJS.ErrnoException, "", 0),
  );
};
