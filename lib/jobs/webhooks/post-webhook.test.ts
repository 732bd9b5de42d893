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
      await expect(send(hop.url), redirect).rejects.toThrow(/private, loopback or reserved/);
    }
    expect(target.received).toHaveLength(0);
  });

  it("refuses loopback at connection time when it is not allowed, even by a name that resolves to it", async () => {
    const target = await startWebhookReceiver();
    receivers.push(target);
    const port = new URL(target.url).port;
    await expect(send(target.url)).rejects.toThrow(/private, loopback or reserved/);
    await expect(send(`http://localhost:${port}/hooks`)).rejects.toThrow(/private, loopback or reserved/);
    expect(target.received).toHaveLength(0);
  });
});
