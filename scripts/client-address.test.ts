import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER as HOOK_ADDRESS_HEADER,
  CLIENT_PROTO_HEADER as HOOK_PROTO_HEADER,
  parseTrustedProxies,
  resolveClient,
} from "./client-address.mjs";
import { CLIENT_ADDRESS_HEADER, CLIENT_PROTO_HEADER, clientAddressOf, ipv6Prefix64, isSecureRequest } from "../lib/auth/client-address";

const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("the server hook's client address (scripts/client-address.mjs)", () => {
  it("takes the socket's peer and ignores X-Forwarded-For and X-Forwarded-Proto when no proxy is trusted", () => {
    expect(resolveClient({ peer: "::ffff:203.0.113.9", forwardedFor: "1.2.3.4", forwardedProto: "https" })).toEqual({ address: "203.0.113.9", proto: "http" });
    expect(resolveClient({ peer: "203.0.113.9", encrypted: true })).toEqual({ address: "203.0.113.9", proto: "https" });
  });

  it("with TRUSTED_PROXY_HOPS=n reads the n-th entry from the right, so a client's own entries on the left change nothing", () => {
    const forwarded = (spoofed: string) => `${spoofed}, 198.51.100.20`;
    expect(resolveClient({ peer: "10.0.0.2", forwardedFor: forwarded("1.1.1.1"), forwardedProto: "https", hops: 1 })).toEqual({
      address: "198.51.100.20",
      proto: "https",
    });
    expect(resolveClient({ peer: "10.0.0.2", forwardedFor: forwarded("9.9.9.9, 8.8.8.8"), hops: 1 }).address).toBe("198.51.100.20");
    expect(resolveClient({ peer: "10.0.0.2", forwardedFor: "198.51.100.20, 10.0.0.1", hops: 2 }).address).toBe("198.51.100.20");
    // Fewer entries than hops: a request that did not come through all the proxies; the socket is all we know.
    expect(resolveClient({ peer: "10.0.0.2", hops: 1 }).address).toBe("10.0.0.2");
    // Garbage in the trusted position falls back to the socket.
    expect(resolveClient({ peer: "10.0.0.2", forwardedFor: "not-an-ip", hops: 1 }).address).toBe("10.0.0.2");
  });

  it("with TRUSTED_PROXIES walks from the right past the listed proxies; from an untrusted peer it reads nothing", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32");
    expect(resolveClient({ peer: "10.1.2.3", forwardedFor: "6.6.6.6, 198.51.100.20, 10.9.9.9", forwardedProto: "https", trusted })).toEqual({
      address: "198.51.100.20",
      proto: "https",
    });
    expect(resolveClient({ peer: "203.0.113.50", forwardedFor: "6.6.6.6", forwardedProto: "https", trusted })).toEqual({
      address: "203.0.113.50",
      proto: "http",
    });
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("example.com")).toThrow(/TRUSTED_PROXIES/);
  });

  it("names the same headers as the app reads", () => {
    expect([HOOK_ADDRESS_HEADER, HOOK_PROTO_HEADER]).toEqual([CLIENT_ADDRESS_HEADER, CLIENT_PROTO_HEADER]);
  });
});

describe("clientAddressOf", () => {
  it("reads only the hook's header, bounded; without it every caller is one 'unknown' bucket", () => {
    expect(clientAddressOf(request({ [CLIENT_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "1.2.3.4" }))).toBe("203.0.113.9");
    expect(clientAddressOf(request({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "1.2.3.4" }))).toBe("unknown");
    expect(clientAddressOf(request({ [CLIENT_ADDRESS_HEADER]: "1".repeat(500) }))).toBe("unknown");
    expect(clientAddressOf(request({ [CLIENT_ADDRESS_HEADER]: "a b" }))).toBe("unknown");
  });

  it("counts an IPv6 client by its /64", () => {
    expect(ipv6Prefix64("2001:db8:1:2:aaaa:bbbb:cccc:1")).toBe("2001:db8:1:2::/64");
    expect(ipv6Prefix64("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipv6Prefix64("::1")).toBe("0:0:0:0::/64");
    expect(clientAddressOf(request({ [CLIENT_ADDRESS_HEADER]: "2001:db8:1:2::ffff" }))).toBe(
      clientAddressOf(request({ [CLIENT_ADDRESS_HEADER]: "2001:db8:1:2::1" })),
    );
  });

  it("is secure only when the hook says https", () => {
    expect(isSecureRequest(request({ [CLIENT_PROTO_HEADER]: "https" }))).toBe(true);
    expect(isSecureRequest(request({ "x-forwarded-proto": "https" }))).toBe(false);
  });
});
