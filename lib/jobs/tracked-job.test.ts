import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "@/test/auth";
import { getDatabase } from "../db/client";
import { getEvaluationReport } from "../db/queries/evaluation-reports";
import { getJob } from "../db/queries/jobs";
import { jobs } from "../db/schema";
import { campaignJobRunner, queueCampaign } from "../benchmarks/red-team-campaign-job";
import { stopJobQueue } from "./job-queue";
import { enqueueTrackedJobNow, setTrackedKindRunners, sweepInterruptedJobs } from "./tracked-job";

// The campaign's own runner closes its report; the other kinds are not run here.
const idle = { run: async () => {} };
beforeAll(() => setTrackedKindRunners({ benchmark: idle, variant: idle, "safety-benchmark": idle, "red-team": campaignJobRunner }));

afterAll(async () => {
  await stopJobQueue(2_000);
});

/** What a killed process leaves behind: a running job whose heartbeat stopped a while ago. */
async function pretendRunnerDied(jobId: string, secondsAgo: number) {
  const { db } = await getDatabase();
  await db
    .update(jobs)
    .set({ status: "running", startedAt: sql`now()`, heartbeatAt: sql`now() - make_interval(secs => ${secondsAgo})` })
    .where(eq(jobs.id, jobId));
}

describe("tracked kinds' runners", () => {
  it("refuses a set that leaves a kind out, naming it", () => {
    expect(() => setTrackedKindRunners({ benchmark: idle, variant: idle, "red-team": idle } as never)).toThrow(
      'no runner was handed for tracked jobs of kind "safety-benchmark"',
    );
  });
});

describe("interrupted jobs", () => {
  it("fails a campaign whose runner stopped, and its report with it; a live one is left alone", async () => {
    const { db } = await getDatabase();
    const owner = await createTestUser({ role: "user" });
    const report = await queueCampaign({
      ownerId: owner.id,
      config: { mutators: ["identity"], families: ["prompt-leak"], variants_per_seed: 1, random_seed: 7 },
    });
    const jobId = (await db.select().from(jobs).where(sql`${jobs.params}->>'report_id' = ${report.id}`))[0].id;

    await pretendRunnerDied(jobId, 10);
    expect(await sweepInterruptedJobs()).toBe(0);
    expect((await getJob({ db, id: jobId }))?.status).toBe("running");

    await pretendRunnerDied(jobId, 600);
    expect(await sweepInterruptedJobs()).toBe(1);
    expect(await getJob({ db, id: jobId })).toMatchObject({ status: "failed", error: expect.stringContaining("interrupted") });
    expect(await getEvaluationReport({ db, id: report.id })).toMatchObject({ status: "failed", error: expect.stringContaining("interrupted") });
    expect(await sweepInterruptedJobs()).toBe(0);
  });

  it("queues a resumable job (a variant's production) again instead of failing it", async () => {
    const { db } = await getDatabase();
    const job = await enqueueTrackedJobNow({ kind: "variant", ownerId: null, title: "Produce test", params: { recipe: "yolox-nano-int8-static" } });
    await pretendRunnerDied(job.id, 600);
    expect(await sweepInterruptedJobs()).toBe(1);
    expect(await getJob({ db, id: job.id })).toMatchObject({ status: "queued", error: expect.stringContaining("resumed") });
  });
});
