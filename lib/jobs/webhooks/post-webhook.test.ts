import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../env";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { postWebhook } from "./post-webhook";

const receivers: WebhookReceiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  delete process.env.WEBHOOK_ALLOWED_HOSTS;
  resetEnvForTests();
});

const send = (url: string) => postWebhook({ url, body: "{}", headers: {}, timeoutMs: 3_000 });

describe("postWebhook: the SSRF guard on every hop", () => {
  it("delivers to an allowed receiver and follows its redirect to another allowed one", async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
    resetEnvForTests();
    const final = await startWebhookReceiver();
    const hop = await startWebhookReceiver({ redirectTo: final.url });
    receivers.push(final, hop);
    expect(await send(hop.url)).toEqual({ statusCode: 204, url: final.url });
    expect(final.received).toHaveLength(1);
  });

  it("refuses a redirect to a private, link-local (metadata) or IPv4-mapped loopback address, and does not reach it", async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
    resetEnvForTests();
    const target = await startWebhookReceiver();
    receivers.push(target);
    const port = new URL(target.url).port;
    // (An allowed address stays allowed under any name that resolves to it: the allow-list names addresses too.)
    for (const redirect of [
      "http://169.254.169.254/latest/meta-data/",
      "http://10.0.0.7/hook",
      `http://[::ffff:127.0.0.1]:${port}/hooks`,
      `http://[::1]:${port}/hooks`,
    ]) {
      const hop = await startWebhookReceiver({ redirectTo: redirect });
      receivers.push(hop);
      await expect(send(hop.url), redirect).rejects.toThrow(/not a public address/);
    }
    expect(target.received).toHaveLength(0);
  });

  it("refuses loopback at connection time when it is not allowed, even by a name that resolves to it", async () => {
    const target = await startWebhookReceiver();
    receivers.push(target);
    const port = new URL(target.url).port;
    await expect(send(target.url)).rejects.toThrow(/not a public address/);
    await expect(send(`http://localhost:${port}/hooks`)).rejects.toThrow(/not a public address/);
    expect(target.received).toHaveLength(0);
  });
});

describe("postWebhook: the attempt's total deadline", () => {
  it("gives up on a receiver that answers 200 and then dribbles its body, at the deadline, not when it goes idle", async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
    resetEnvForTests();
    const { createServer } = await import("node:http");
    const tarpit = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      // A byte every 200 ms: never idle for long, never done.
      const drip = setInterval(() => response.write("."), 200);
      response.on("close", () => clearInterval(drip));
    });
    await new Promise<void>((resolve) => tarpit.listen(0, "127.0.0.1", resolve));
    const { port } = tarpit.address() as import("node:net").AddressInfo;
    const startedAt = Date.now();
    try {
      await expect(postWebhook({ url: `http://127.0.0.1:${port}/hook`, body: "{}", headers: {}, timeoutMs: 1_000 })).rejects.toThrow(
        /no complete answer within 1000 ms/,
      );
      expect(Date.now() - startedAt).toBeLessThan(2_500);
    } finally {
      tarpit.closeAllConnections();
      await new Promise((resolve) => tarpit.close(resolve));
    }
  });
});
