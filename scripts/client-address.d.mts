// Types of scripts/client-address.mjs (plain JavaScript: it is preloaded into `next start` and server.js, which run no TypeScript).
import type { BlockList, Server } from "node:net";

export const CLIENT_ADDRESS_HEADER: "x-insight-client-address";
export const CLIENT_PROTO_HEADER: "x-insight-client-proto";
export function parseTrustedProxies(text: string | undefined): BlockList;
export function normalizeAddress(raw: unknown): string | undefined;
export function resolveClient(options: {
  peer: string | undefined;
  encrypted?: boolean;
  forwardedFor?: string;
  forwardedProto?: string;
  hops?: number;
  trusted?: BlockList;
}): { address: string; proto: "http" | "https" };
export function installClientAddress(server: Server, env?: Record<string, string | undefined>): void;
