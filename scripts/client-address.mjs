// Who sent a request, decided where the socket is still visible (Next hides it from route handlers).
// Preloaded by scripts/expose-http-server.mjs into every server this repository starts (`npm start`,
// `npm run start:standalone`, the container image). Every request first loses any client-sent copy
// of the two headers below, then gets them set from the socket, or — when the operator says which
// proxies to trust — from the right end of X-Forwarded-For / X-Forwarded-Proto:
//   TRUSTED_PROXY_HOPS=n   the last n X-Forwarded-For entries were added by n proxies of yours;
//   TRUSTED_PROXIES=cidr,… an entry (and the socket peer) inside one of these ranges is a proxy of yours.
// Unset: the socket's peer is the client, whatever X-Forwarded-For says. lib/auth/client-address.ts
// reads the result; lib/env.ts validates both settings (the server refuses to start on a bad value).
import net from "node:net";

export const CLIENT_ADDRESS_HEADER = "x-insight-client-address";
export const CLIENT_PROTO_HEADER = "x-insight-client-proto";
/** One year, sent only on answers to requests that arrived over HTTPS (directly or via a trusted proxy). */
const HSTS = "max-age=31536000; includeSubDomains";

/** Parses "10.0.0.0/8, 2001:db8::/32, 192.168.1.7" into a net.BlockList; throws naming a bad entry. */
export function parseTrustedProxies(text) {
  const list = new net.BlockList();
  for (const entry of (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = net.isIPv4(address) ? "ipv4" : net.isIPv6(address) ? "ipv6" : undefined;
    const bits = prefix === undefined ? (family === "ipv4" ? 32 : 128) : Number(prefix);
    if (!family || !Number.isInteger(bits) || bits < 0 || bits > (family === "ipv4" ? 32 : 128)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(address, bits, family);
  }
  return list;
}

/** "::ffff:1.2.3.4" → "1.2.3.4"; a bracketed or port-suffixed entry is reduced to its address; anything else → undefined. */
export function normalizeAddress(raw) {
  if (typeof raw !== "string") return undefined;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.toLowerCase().startsWith("::ffff:") && net.isIPv4(value.slice(7))) value = value.slice(7);
  return net.isIP(value) ? value.toLowerCase() : undefined;
}

function isTrusted(list, address) {
  if (!list || !address) return false;
  return list.check(address, net.isIPv4(address) ? "ipv4" : "ipv6");
}

/**
 * The client's address and protocol for one request: `peer` is the socket's remote address,
 * `forwardedFor`/`forwardedProto` the raw headers (comma-joined when sent several times).
 */
export function resolveClient({ peer, encrypted, forwardedFor, forwardedProto, hops = 0, trusted }) {
  const socketAddress = normalizeAddress(peer) ?? "unknown";
  const socketProto = encrypted ? "https" : "http";
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const protos = (forwardedProto ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (hops > 0) {
    // n proxies of ours each appended the address they saw: the client is the n-th entry from the right.
    if (chain.length < hops) return { address: socketAddress, proto: socketProto };
    const address = normalizeAddress(chain[chain.length - hops]) ?? socketAddress;
    const proto = protos.length ? protos[Math.max(0, protos.length - hops)] : socketProto;
    return { address, proto: proto === "https" ? "https" : "http" };
  }
  if (trusted && isTrusted(trusted, socketAddress)) {
    // Walk from the right past every entry that is one of our proxies; the first other one is the client.
    let address = socketAddress;
    for (let i = chain.length - 1; i >= 0; i--) {
      const entry = normalizeAddress(chain[i]);
      if (!entry) break;
      address = entry;
      if (!isTrusted(trusted, entry)) break;
    }
    const proto = protos.length ? protos[0] : socketProto;
    return { address, proto: proto === "https" ? "https" : "http" };
  }
  return { address: socketAddress, proto: socketProto };
}

function settingsFromEnv(env) {
  const hops = Number(env.TRUSTED_PROXY_HOPS || 0);
  return {
    hops: Number.isInteger(hops) && hops >= 0 && hops <= 10 ? hops : 0,
    trusted: env.TRUSTED_PROXIES ? parseTrustedProxies(env.TRUSTED_PROXIES) : undefined,
  };
}

/** Adds the request listener that runs before the app's own on every request `server` receives. */
export function installClientAddress(server, env = process.env) {
  let settings;
  try {
    settings = settingsFromEnv(env);
  } catch {
    // The app's env check names the bad value and stops start-up; until then nothing is trusted.
    settings = { hops: 0, trusted: undefined };
  }
  server.prependListener("request", (req, res) => {
    const client = resolveClient({
      peer: req.socket?.remoteAddress,
      encrypted: Boolean(req.socket?.encrypted),
      forwardedFor: headerText(req.headers["x-forwarded-for"]),
      forwardedProto: headerText(req.headers["x-forwarded-proto"]),
      ...settings,
    });
    req.headers[CLIENT_ADDRESS_HEADER] = client.address;
    req.headers[CLIENT_PROTO_HEADER] = client.proto;
    if (client.proto === "https") res.setHeader("strict-transport-security", HSTS);
  });
}

function headerText(value) {
  return Array.isArray(value) ? value.join(",") : value;
}
