import "server-only";
import { Resolver } from "node:dns/promises";
import { isIP } from "node:net";

/**
 * A callback host's addresses, from DNS through c-ares (`dns.promises.Resolver`): its queries run on the
 * event loop's own sockets with a timeout, not as `getaddrinfo` calls on libuv's four-thread pool, where a
 * slow or silent name server would hold the threads that file reads, zlib and crypto also need. It also
 * ignores /etc/hosts, which may name internal machines. `localhost` is loopback by definition (RFC 6761).
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

const DNS_TIMEOUT_MS = 2_000;
const DNS_TRIES = 2;

export class HostNotResolved extends Error {
  constructor(host: string) {
    super(`host ${host} could not be resolved`);
    this.name = "HostNotResolved";
  }
}

export async function resolveHost(host: string, { timeoutMs = DNS_TIMEOUT_MS } = {}): Promise<ResolvedAddress[]> {
  const family = isIP(host);
  if (family) return [{ address: host, family: family as 4 | 6 }];
  const name = host.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) {
    return [
      { address: "127.0.0.1", family: 4 },
      { address: "::1", family: 6 },
    ];
  }
  const resolver = new Resolver({ timeout: timeoutMs, tries: DNS_TRIES });
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
  const addresses: ResolvedAddress[] = [
    ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 as const })) : []),
    ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 as const })) : []),
  ];
  if (addresses.length === 0) throw new HostNotResolved(host);
  return addresses;
}
