import { BlockList, isIP } from "node:net";

/**
 * Whether an IP address is on the public internet. Everything else — loopback, private, carrier-grade
 * NAT, link-local (the cloud metadata service 169.254.169.254 among them), unique-local, multicast,
 * documentation and reserved ranges — is refused as a webhook target. IPv6 forms that carry an IPv4
 * address (IPv4-mapped `::ffff:127.0.0.1`, IPv4-compatible, NAT64 `64:ff9b::`, 6to4 `2002::`) are
 * judged by the IPv4 address inside them.
 */

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
] as const) {
  blocked.addSubnet(network, prefix, "ipv6");
}

/** The 16 bytes of an IPv6 address (with or without brackets, `::` and a dotted IPv4 tail). */
export function ipv6Bytes(address: string): number[] {
  let text = address
    .replace(/^\[|\]$/g, "")
    .split("%")[0]
    .toLowerCase();
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail[1].split(".").map(Number);
    text = `${text.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.includes("::") ? text.split("::") : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const restGroups = rest ? rest.split(":") : [];
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = rest === undefined ? headGroups : [...headGroups, ...new Array(missing).fill("0"), ...restGroups];
  return groups.flatMap((g) => {
    const value = parseInt(g || "0", 16);
    return [value >> 8, value & 0xff];
  });
}

/** The IPv4 address an IPv6 address carries, if it is one of the embedding forms. */
function embeddedIpv4(bytes: number[]): string | undefined {
  const v4 = (offset: number) => bytes.slice(offset, offset + 4).join(".");
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return v4(12); // ::ffff:a.b.c.d
  if (zeros(0, 12) && !zeros(12, 16)) return v4(12); // ::a.b.c.d (IPv4-compatible)
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return v4(12); // 64:ff9b::/96
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4(2); // 2002:a.b.c.d::/16
  return undefined;
}

export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare.split("%")[0]);
  if (family === 4) return !blocked.check(bare, "ipv4");
  if (family !== 6) return false;
  const bytes = ipv6Bytes(bare);
  const inner = embeddedIpv4(bytes);
  if (inner !== undefined && !isPublicAddress(inner)) return false;
  return !blocked.check(bare.split("%")[0], "ipv6");
}
