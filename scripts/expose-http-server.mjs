// Preloaded into `next start` by scripts/start.mjs and into the standalone server.js (node --import):
// - records every http.Server that starts listening on globalThis.insightHttpServers, so the graceful
//   shutdown (lib/instance/shutdown.ts) can close Next's listener itself. Next keeps that server private,
//   and with NEXT_MANUAL_SIG_HANDLE set (which it must be for readiness to turn false before the
//   listener closes) nothing else closes it;
// - sets the client's address and protocol on every request from the socket (scripts/client-address.mjs),
//   replacing any copy the client sent;
// - closes the connection after an answer sent before the request's body was read (a 401 or 413 refused
//   before reading, by design): the client is still sending that body, so the connection cannot carry its
//   next request (undici reused it, and the next request waited behind 16 MB of unread body, then was reset).
import http from "node:http";
import { installClientAddress } from "./client-address.mjs";

const servers = (globalThis.insightHttpServers ??= new Set());
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function recordAndListen(...args) {
  if (!servers.has(this)) {
    installClientAddress(this);
    this.prependListener("request", closeAfterEarlyAnswer);
  }
  servers.add(this);
  this.once("close", () => servers.delete(this));
  return listen.apply(this, args);
};

function closeAfterEarlyAnswer(request, response) {
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadClosingEarly(...args) {
    if (!request.complete && !response.headersSent) response.setHeader("connection", "close");
    return writeHead.apply(this, args);
  };
}
