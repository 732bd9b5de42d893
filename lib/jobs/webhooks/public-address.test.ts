import { describe, expect, it } from "vitest";
import { ipv6Bytes, isPublicAddress } from "./public-address";

describe("isPublicAddress", () => {
  it("refuses loopback, private, link-local, metadata, CGNAT, unique-local, multicast and reserved addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.1.2.3",
      "10.0.0.5",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "192.0.2.10",
      "::1",
      "::",
      "fe80::1",
      "fd00:ec2::254",
      "fc00::1",
      "ff02::1",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });

  it("judges IPv6 forms that carry an IPv4 address by that address", () => {
    for (const address of ["::ffff:127.0.0.1", "[::ffff:7f00:1]", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "64:ff9b::a00:1", "2002:7f00:1::", "::127.0.0.1"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    expect(isPublicAddress("::ffff:8.8.8.8")).toBe(true);
  });

  it("accepts public addresses", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("refuses what is not an address at all", () => {
    expect(isPublicAddress("localhost")).toBe(false);
    expect(isPublicAddress("")).toBe(false);
  });

  it("parses IPv6 text forms into bytes", () => {
    expect(ipv6Bytes("::ffff:127.0.0.1")).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 127, 0, 0, 1]);
    expect(ipv6Bytes("[::ffff:7f00:1]")).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 127, 0, 0, 1]);
    expect(ipv6Bytes("2001:db8::1").slice(0, 4)).toEqual([0x20, 0x01, 0x0d, 0xb8]);
  });
});
