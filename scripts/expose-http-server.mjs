// Preloaded into `next start` by scripts/start.mjs (node --import): records every http.Server that
// starts listening on globalThis.insightHttpServers, so the graceful shutdown (lib/instance/shutdown.ts)
// can close Next's listener itself. Next keeps that server private, and with NEXT_MANUAL_SIG_HANDLE
// set (which it must be for readiness to turn false before the listener closes) nothing else closes it.
import http from "node:http";

const servers = (globalThis.insightHttpServers ??= new Set());
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function recordAndListen(...args) {
  servers.add(this);
  this.once("close", () => servers.delete(this));
  return listen.apply(this, args);
};
