// Preloaded into `next start` by scripts/start.mjs and into the standalone server.js (node --import):
// - records every http.Server that starts listening on globalThis.insightHttpServers, so the graceful
//   shutdown (lib/instance/shutdown.ts) can close Next's listener itself. Next keeps that server private,
//   and with NEXT_MANUAL_SIG_HANDLE set (which it must be for readiness to turn false before the
//   listener closes) nothing else closes it;
// - sets the client's address and protocol on every request from the socket (scripts/client-address.mjs),
//   replacing any copy the client sent.
import http from "node:http";
import { installClientAddress } from "./client-address.mjs";

const servers = (globalThis.insightHttpServers ??= new Set());
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function recordAndListen(...args) {
  if (!servers.has(this)) installClientAddress(this);
  servers.add(this);
  this.once("close", () => servers.delete(this));
  return listen.apply(this, args);
};
