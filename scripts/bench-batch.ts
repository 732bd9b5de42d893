/**
 * What the job queue costs: the same items analysed one by one through the single endpoint, and as
 * one batch worked by this process's queue workers (pg-boss in the same database), on the embedded
 * PGlite and on PostgreSQL. Reports items per second both ways and the queue's overhead per item
 * (batch wall time per item at concurrency 1 minus the one-by-one time per item).
 *
 *   LOG_LEVEL=silent npx tsx --conditions=react-server scripts/bench-batch.ts [--items 40] [--write-readme]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describeMachine } from "../lib/inference/measurement/describe-machine";
import { resetEnvForTests } from "../lib/env";
import { stopJobQueue } from "../lib/jobs/job-queue";
import { startJobWorkers } from "../lib/instance/job-runners";
import { seedBenchAccount } from "./bench-account";
import { writeReadmeSection } from "./write-readme-section";
import { round } from "../lib/stats";

const itemCount = Number(process.argv[process.argv.indexOf("--items") + 1]) || 40;
const sentences = [
  "Guten Morgen, wie geht es Ihnen heute?",
  "Bonjour, je voudrais un café s'il vous plaît.",
  "Buenos días, ¿cómo está usted?",
  "Buongiorno, come sta oggi?",
];

async function pageImage(i: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="200"><rect width="100%" height="100%" fill="white"/><text x="40" y="110" font-family="DejaVu Sans, sans-serif" font-size="40">Invoice number ${1000 + i}, total 42.50 EUR</text></svg>`;
  return (await sharp(Buffer.from(svg)).png().toBuffer()).toString("base64");
}

async function measure(target: "pglite" | "postgres") {
  const dataDir = mkdtempSync(path.join(tmpdir(), "ie-bench-batch-"));
  process.env.DATA_DIR = dataDir;
  process.env.JOB_CONCURRENCY = "1";
  process.env.RATE_LIMITS = JSON.stringify({ pro: { minute: { quota: 1_000_000, windowSeconds: 60 }, day: { quota: 1_000_000, windowSeconds: 86_400 } } });
  let drop = async () => {};
  if (target === "postgres") {
    const { createTemporaryPostgres } = await import("../test/postgres");
    const database = await createTemporaryPostgres();
    process.env.DATABASE_URL = database.url;
    drop = database.drop;
  } else delete process.env.DATABASE_URL;
  resetEnvForTests();
  const globals = globalThis as unknown as { insightDb?: Promise<{ close(): Promise<void> }> };
  const { db, key } = await seedBenchAccount(target, ["analyze", "batch"]);
  const { getDatabase } = await import("../lib/db/client");
  const { POST: multilingual } = await import("../app/api/v1/analyze/multilingual/route");
  const { POST: document } = await import("../app/api/v1/analyze/document/route");
  const { POST: batch } = await import("../app/api/v1/batch/process/route");
  const { getJob } = await import("../lib/db/queries/jobs");
  const post = (route: typeof batch, url: string, body: unknown) =>
    route(new Request(url, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }));

  const workloads = [
    {
      name: "multilingual (a sentence)",
      route: multilingual,
      url: "http://x/api/v1/analyze/multilingual",
      items: Array.from({ length: itemCount }, (_, i) => ({ task: "multilingual", content: `${sentences[i % 4]} ${i}` })),
    },
    {
      name: "document (OCR of a rendered line)",
      route: document,
      url: "http://x/api/v1/analyze/document",
      items: await Promise.all(
        Array.from({ length: Math.max(4, Math.round(itemCount / 4)) }, async (_, i) => ({ task: "document", document_image: await pageImage(i) })),
      ),
    },
  ];
  // Warm the models first so neither way pays their loading.
  for (const w of workloads) await post(w.route, w.url, (({ task: _t, ...rest }) => rest)(w.items[0]));
  await startJobWorkers();
  const rows = [];
  for (const w of workloads) {
    const oneByOneStart = performance.now();
    for (const item of w.items) {
      const { task: _task, ...body } = item;
      const response = await post(w.route, w.url, body);
      if (response.status !== 200) throw new Error(`${w.name}: HTTP ${response.status}`);
    }
    const oneByOneMs = performance.now() - oneByOneStart;
    const batchStart = performance.now();
    const accepted = await (await post(batch, "http://x/api/v1/batch/process", { items: w.items })).json();
    let job = await getJob({ db, id: accepted.id });
    while (!job?.finishedAt) {
      await new Promise((r) => setTimeout(r, 20));
      job = await getJob({ db, id: accepted.id });
    }
    const batchMs = performance.now() - batchStart;
    if (job.done !== w.items.length) throw new Error(`${w.name}: ${job.done} of ${w.items.length} done`);
    rows.push({
      target,
      workload: w.name,
      items: w.items.length,
      oneByOnePerItemMs: round(oneByOneMs / w.items.length, 1),
      batchPerItemMs: round(batchMs / w.items.length, 1),
      overheadPerItemMs: round((batchMs - oneByOneMs) / w.items.length, 1),
      oneByOneItemsPerS: round(w.items.length / (oneByOneMs / 1000), 2),
      batchItemsPerS: round(w.items.length / (batchMs / 1000), 2),
    });
  }
  await stopJobQueue(5_000);
  (globalThis as unknown as { insightWorkersStarted?: boolean }).insightWorkersStarted = false;
  await (await getDatabase()).close();
  globals.insightDb = undefined;
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

async function main() {
  const machine = await describeMachine();
  const rows = [...(await measure("pglite")), ...(await measure("postgres"))];
  const markdown = [
    `${new Date().toISOString().slice(0, 10)}, ${machine.cpuModel}, ${machine.cores} cores (${machine.cpuFlags.join(", ")}), Node ${machine.nodeVersion}; one process, JOB_CONCURRENCY=1; one by one = sequential calls of the single endpoint's handler; batch = submit to the last item recorded.`,
    "",
    "| database | items | one by one: per item | batch: per item | queue overhead per item | items/s one by one | items/s batch |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.items} × ${r.workload} | ${r.oneByOnePerItemMs} ms | ${r.batchPerItemMs} ms | ${r.overheadPerItemMs} ms | ${r.oneByOneItemsPerS} | ${r.batchItemsPerS} |`,
    ),
  ].join("\n");
  if (process.argv.includes("--write-readme")) writeReadmeSection("bench:batch", markdown);
  process.stderr.write(`${markdown}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
