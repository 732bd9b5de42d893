/**
 * The client's address and protocol as the server hook (scripts/client-address.mjs) found them on the
 * socket, or read from X-Forwarded-For/-Proto only as far as TRUSTED_PROXY_HOPS / TRUSTED_PROXIES allow.
 * The hook replaces any copy of these headers a client sends. Where the hook is absent (a route
 * handler called directly in a test, `next dev`), every caller is "unknown": one shared bucket, so
 * limits get stricter, never looser.
 */

export const CLIENT_ADDRESS_HEADER = "x-insight-client-address";
export const CLIENT_PROTO_HEADER = "x-insight-client-proto";

/** Longest subject part taken from a request (an IPv6 address is at most 45 characters). */
const MAX_ADDRESS_LENGTH = 45;

/** The address the request came from; an IPv6 address is reduced to its /64 (what one host or site gets). */
export function clientAddressOf(request: Request): string {
  const raw = request.headers.get(CLIENT_ADDRESS_HEADER)?.trim().toLowerCase();
  if (!raw || raw.length > MAX_ADDRESS_LENGTH || !/^[0-9a-f:.]+$/.test(raw)) return "unknown";
  return raw.includes(":") ? ipv6Prefix64(raw) : raw;
}

/** "2001:db8:1:2:aaaa::1" → "2001:db8:1:2::/64" (one subscriber gets a whole /64: counting single addresses would let it rotate). */
export function ipv6Prefix64(address: string): string {
  const [head, tail = ""] = address.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...headParts, ...Array(Math.max(0, 8 - headParts.length - tailParts.length)).fill("0"), ...tailParts] : headParts;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Whether the client reached us over HTTPS (directly, or through a trusted proxy that says so). */
export function isSecureRequest(request: Request): boolean {
  return request.headers.get(CLIENT_PROTO_HEADER) === "https";
}
