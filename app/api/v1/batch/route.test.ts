import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { stopJobQueue } from "@/lib/jobs/job-queue";
import { startJobWorkers } from "@/lib/instance/job-runners";
import { expectProblem } from "@/test/api-requests";
import { createTestKey } from "@/test/auth";
import { startWebhookReceiver } from "@/test/webhook-receiver";
import { GET as getBatch, DELETE as cancelBatch } from "./[id]/route";
import { POST as process_ } from "./process/route";
import { GET as getSecret } from "../webhooks/secret/route";

// The test's receivers listen on loopback, which the SSRF guard refuses unless allowed by name.
process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
process.env.WEBHOOK_RETRY_DELAY_SECONDS = "1";
process.env.JOB_CONCURRENCY = "2";
resetEnvForTests();

const submit = (authorization: string, body: unknown) =>
  process_(
    new Request("http://localhost/api/v1/batch/process", {
      method: "POST",
      headers: { authorization, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
const read = (authorization: string, id: string) =>
  getBatch(new Request(`http://localhost/api/v1/batch/${id}`, { headers: { authorization } }), { params: Promise.resolve({ id }) });

async function waitForBatch(authorization: string, id: string, until: (batch: { status: string; finished_at: string | null }) => boolean, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await (await read(authorization, id)).json();
    if (until(batch)) return batch;
    if (Date.now() > deadline) throw new Error(`batch ${id} still ${batch.status}: ${JSON.stringify(batch.progress)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const sentences = [
  "Guten Morgen, wie geht es Ihnen?",
  "Bonjour, je voudrais un café.",
  "Buenos días, ¿cómo estás?",
  "Buongiorno, come stai oggi?",
  "Goedemorgen, hoe gaat het?",
];

beforeAll(async () => {
  await startJobWorkers();
});
afterAll(async () => {
  await stopJobQueue(2_000);
});

describe("batches", () => {
  it("runs a 20-item batch to the end with each item's real answer, and signs the completion webhook", async () => {
    const owner = await createTestKey({ role: "user" });
    const receiver = await startWebhookReceiver();
    try {
      const items = Array.from({ length: 20 }, (_, i) => ({ task: "multilingual", content: sentences[i % sentences.length] }));
      const response = await submit(owner.authorization, { items, callback_url: receiver.url });
      expect(response.status).toBe(202);
      const accepted = await response.json();
      expect(accepted).toMatchObject({ status: "queued", progress: { total: 20, done: 0, failed: 0 } });
      expect(response.headers.get("location")).toBe(accepted.status_url);

      const batch = await waitForBatch(owner.authorization, accepted.id, (b) => b.finished_at !== null);
      expect(batch.status).toBe("done");
      expect(batch.progress).toEqual({ total: 20, done: 20, failed: 0, cancelled: 0 });
      const expected = ["de", "fr", "es", "it", "nl"];
      batch.items.forEach((item: { position: number; status: string; attempts: number; result: { language: { language: string } } }) => {
        expect(item.status).toBe("done");
        expect(item.attempts).toBe(1);
        expect(item.result.language.language).toBe(expected[item.position % 5]);
      });

      const [hook] = await receiver.waitFor(1);
      const { secret } = await (
        await getSecret(new Request("http://localhost/api/v1/webhooks/secret", { headers: { authorization: owner.authorization } }))
      ).json();
      // Verified as a receiver would, with the Standard Webhooks library.
      const payload = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as {
        type: string;
        data: { batch_id: string; done: number };
      };
      expect(payload).toMatchObject({ type: "batch.completed", data: { batch_id: accepted.id, done: 20, status: "done" } });
      expect(() =>
        new Webhook(`whsec_${Buffer.from("not the secret, 24 bytes!").toString("base64")}`).verify(hook.body, hook.headers as Record<string, string>),
      ).toThrow();
      const afterDelivery = await waitForBatch(
        owner.authorization,
        accepted.id,
        (b) => (b as unknown as { deliveries: { status: string }[] }).deliveries[0]?.status === "delivered",
      );
      expect(afterDelivery.deliveries[0].attempts).toHaveLength(1);
      expect(afterDelivery.deliveries[0].attempts[0].status_code).toBe(204);
    } finally {
      await receiver.close();
    }
  });

  it("retries a failing receiver with the same webhook id: two failures then success is three attempts, all logged", async () => {
    const owner = await createTestKey({ role: "user" });
    const receiver = await startWebhookReceiver({ statuses: [500, 503] });
    try {
      const accepted = await (
        await submit(owner.authorization, { items: [{ task: "multilingual", content: "Hej, hur mår du?" }], callback_url: receiver.url })
      ).json();
      const hooks = await receiver.waitFor(3, 60_000);
      expect(new Set(hooks.map((h) => h.headers["webhook-id"])).size).toBe(1);
      const { secret } = await (
        await getSecret(new Request("http://localhost/api/v1/webhooks/secret", { headers: { authorization: owner.authorization } }))
      ).json();
      for (const hook of hooks) expect(() => new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>)).not.toThrow();
      const batch = await waitForBatch(
        owner.authorization,
        accepted.id,
        (b) => (b as unknown as { deliveries: { status: string }[] }).deliveries[0]?.status === "delivered",
      );
      expect(batch.deliveries[0].attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 503, 204]);
    } finally {
      await receiver.close();
    }
  });

  it("answers per-item problems for items that cannot be analysed, and per-item webhooks when asked", async () => {
    const owner = await createTestKey({ role: "user" });
    const receiver = await startWebhookReceiver();
    try {
      const notAnImage = Buffer.from("plain text, not a picture").toString("base64");
      const accepted = await (
        await submit(owner.authorization, {
          items: [
            { task: "multilingual", content: "Dzień dobry!" },
            { task: "document", document_image: notAnImage },
          ],
          callback_url: receiver.url,
          webhook_per_item: true,
        })
      ).json();
      const batch = await waitForBatch(owner.authorization, accepted.id, (b) => b.finished_at !== null);
      expect(batch.progress).toMatchObject({ done: 1, failed: 1 });
      expect(batch.items[1]).toMatchObject({ status: "failed", error: { status: 415 } });
      const hooks = await receiver.waitFor(3);
      expect(hooks.map((h) => JSON.parse(h.body).type).sort()).toEqual(["batch.completed", "batch.item.completed", "batch.item.completed"]);
    } finally {
      await receiver.close();
    }
  });

  it("validates every item before storing anything, naming each bad one", async () => {
    const owner = await createTestKey({ role: "user" });
    const response = await submit(owner.authorization, {
      items: [
        { task: "multilingual", content: "ok" },
        { task: "teleport" },
        { task: "document", document_image: "%%%not base64%%%" },
        { task: "image-text", text: "a cat" },
        "nope",
      ],
    });
    const problem = await expectProblem(response, 400);
    const fields = problem.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["items.1.task", "items.2.document_image", "items.3.image", "items.4"]));
    expect(fields.some((f: string) => f.startsWith("items.0"))).toBe(false);
    await expectProblem(await submit(owner.authorization, { items: [] }), 400);
    await expectProblem(await submit(owner.authorization, { items: Array.from({ length: 101 }, () => ({ task: "multilingual", content: "x" })) }), 413);
    await expectProblem(await submit(owner.authorization, { items: [{ task: "multilingual", content: "x" }], surprise: true }), 400);
    await expectProblem(await submit(owner.authorization, { items: [{ task: "multilingual", content: "x" }], webhook_per_item: true }), 400, {
      detail: /callback_url/,
    });
  });

  it("refuses callback URLs that point inside: loopback, private, link-local metadata, IPv4-mapped IPv6, names resolving to loopback", async () => {
    process.env.WEBHOOK_ALLOWED_HOSTS = "";
    resetEnvForTests();
    try {
      const owner = await createTestKey({ role: "user" });
      for (const url of [
        "http://127.0.0.1:9/hook",
        "http://10.1.2.3/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::1]/hook",
        "http://localhost:3000/hook",
        "http://2130706433/hook",
        "ftp://example.com/hook",
        "http://user:pass@example.com/hook",
      ]) {
        const problem = await expectProblem(await submit(owner.authorization, { items: [{ task: "multilingual", content: "Hallo" }], callback_url: url }), 400);
        expect(problem.errors[0].field, url).toBe("callback_url");
      }
    } finally {
      process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1";
      resetEnvForTests();
    }
  });

  it("cancels the items not yet started; another user can neither read nor cancel the batch", async () => {
    const owner = await createTestKey({ role: "user" });
    const mallory = await createTestKey({ role: "user" });
    const items = Array.from({ length: 30 }, (_, i) => ({ task: "multilingual", content: `${sentences[i % 5]} ${i}` }));
    const accepted = await (await submit(owner.authorization, { items })).json();
    await expectProblem(await read(mallory.authorization, accepted.id), 404);
    await expectProblem(
      await cancelBatch(new Request(`http://localhost/api/v1/batch/${accepted.id}`, { method: "DELETE", headers: { authorization: mallory.authorization } }), {
        params: Promise.resolve({ id: accepted.id }),
      }),
      404,
    );
    const cancelled = await (
      await cancelBatch(new Request(`http://localhost/api/v1/batch/${accepted.id}`, { method: "DELETE", headers: { authorization: owner.authorization } }), {
        params: Promise.resolve({ id: accepted.id }),
      })
    ).json();
    expect(cancelled.status).toBe("cancelled");
    const final = await waitForBatch(owner.authorization, accepted.id, (b) => b.finished_at !== null);
    expect(final.status).toBe("cancelled");
    expect(final.progress.cancelled).toBeGreaterThan(0);
    expect(final.progress.done + final.progress.failed + final.progress.cancelled).toBe(30);
    expect(final.items.filter((i: { status: string }) => i.status === "cancelled").length).toBe(final.progress.cancelled);
  });

  it("counts every item against the rate limit, and is for accounts with the batch scope", async () => {
    const guestless = await createTestKey({ role: "user", scopes: ["analyze"] });
    await expectProblem(await submit(guestless.authorization, { items: [{ task: "multilingual", content: "x" }] }), 403, { detail: /batch/ });
    process.env.RATE_LIMITS = JSON.stringify({ free: { minute: { quota: 5, windowSeconds: 60 } } });
    resetEnvForTests();
    try {
      const small = await createTestKey({ role: "user", plan: "free" });
      const tooMany = await submit(small.authorization, { items: Array.from({ length: 6 }, () => ({ task: "multilingual", content: "Hallo" })) });
      await expectProblem(tooMany, 429);
    } finally {
      delete process.env.RATE_LIMITS;
      resetEnvForTests();
    }
  });
});
