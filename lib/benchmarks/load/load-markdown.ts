import { median } from "../../stats";
import type { LoadCell, LoadRun } from "./load-run-schema";
import { formatMs, formatNumber, formatPercent, secondsToMs } from "../../format";

/** The README block of a load run (`npm run bench:load -- --write-readme`): machine line, the table, derived figures. */

const ms = (v: number | null | undefined) => formatMs(v);
const num = formatNumber;
const pct = (v: number | null | undefined) => formatPercent(v);

export function statusSummary(cell: Pick<LoadCell, "statusCounts" | "timeouts" | "connectionErrors">): string {
  const parts = Object.entries(cell.statusCounts)
    .filter(([status]) => !status.startsWith("2"))
    .map(([status, count]) => `${status}×${count}`);
  if (cell.timeouts) parts.push(`timeout×${cell.timeouts}`);
  if (cell.connectionErrors) parts.push(`conn×${cell.connectionErrors}`);
  return parts.join(" ") || "none";
}

export function machineLine(run: Pick<LoadRun, "machine" | "startedAt" | "mode" | "config">): string {
  const m = run.machine;
  return `${run.startedAt.slice(0, 10)}, ${m.cpuModel}, ${m.cores} cores (${m.cpuFlags.join(", ") || "no int8-relevant flags"}), Node ${m.nodeVersion}; ${run.mode} run, autocannon ${run.config.autocannonVersion}, each cell about ${run.config.durationSeconds} s of requests (at least ${run.config.minRequestsPerConnection} per connection, all answered), after ${run.config.warmUpSeconds} s of sequential warm-up per route.`;
}

export function loadRunToMarkdown(run: LoadRun): string {
  const limitOf = (c: LoadCell) => run.machineLimits.find((l) => l.route === c.route && l.batching === c.batching);
  const rows = run.cells.map((c) => {
    const limit = limitOf(c);
    const share = limit?.limitRps ? c.throughputRps / limit.limitRps : null;
    return `| ${c.route} | ${c.batching} | ${c.concurrency} | ${num(c.throughputRps)} | ${ms(c.latencyMs.p50)} | ${ms(c.latencyMs.p95)} | ${ms(c.latencyMs.p99)} | ${statusSummary(c)} | ${formatMs(secondsToMs(c.cpuSecondsPerRequest))} | ${num(c.peakRssMiB, 0)} MiB | ${num(limit?.limitRps)} | ${pct(share)} |`;
  });
  const out = [
    machineLine(run),
    "",
    "| route | batching | concurrency | req/s (2xx) | p50 | p95 | p99 | non-2xx / errors | server CPU per request | peak RSS | machine limit (req/s) | share of limit |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ...rows,
  ];
  const ran = run.probes.map(
    (p) => `${p.route} (batching ${p.batching}): ${p.status}${p.models.length ? `, models ${p.models.join(", ")}` : ""}${p.problem ? `, "${p.problem}"` : ""}`,
  );
  if (ran.length) out.push("", `What the server reported running (one probe per route before it was loaded): ${ran.join("; ")}.`);
  const overhead = run.httpOverhead.map(
    (h) => `${h.route} ${ms(h.httpP50Ms)} over HTTP vs ${ms(h.inProcessMedianMs)} in process (${formatMs(h.overheadMs, 1)})`,
  );
  if (overhead.length) out.push("", `HTTP overhead at concurrency 1 (p50 vs median of the same lib call in the bench process): ${overhead.join("; ")}.`);
  const ratios = run.labelsVsAll.map((r) => `${num(r.ratio)}x at c=${r.concurrency}, batching ${r.batching}`);
  if (ratios.length) out.push("", `Labels-only vs all-tasks image-text throughput: ${ratios.join("; ")}.`);
  if (run.rssDrift) {
    const d = run.rssDrift;
    out.push(
      "",
      `RSS over a ${d.durationSeconds} s run (${d.route}, c=${d.concurrency}, batching ${d.batching}): ${num(d.startMiB, 0)} → ${num(d.endMiB, 0)} MiB (${pct(d.driftShare)}).`,
    );
  }
  const overload = run.overload.map(
    (o) =>
      `${o.route} c=${o.concurrency} batching ${o.batching}: ${Object.keys(o.disallowed).length ? `disallowed ${JSON.stringify(o.disallowed)}` : o.p99Ms == null ? "no responses" : "only 2xx/429/503"}, p99 ${ms(o.p99Ms)}${o.deadlineMs == null ? "" : ` vs deadline ${o.deadlineMs} ms`}`,
  );
  if (overload.length) out.push("", `Overload (highest concurrency): ${overload.join("; ")}.`);
  if (run.ocrPeer) out.push("", ...ocrPeerMarkdown(run.ocrPeer));
  if (run.notes.length) out.push("", ...run.notes.map((n) => `- ${n}`));
  return out.join("\n");
}

type OcrPeer = NonNullable<LoadRun["ocrPeer"]>;

/** The OCR peer's pages; runs with thread settings (issue 21) get a threads and an OSD column and a summary row per setting. */
function ocrPeerMarkdown(peer: OcrPeer): string[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const summary = (pages: OcrPeer["pages"]) =>
    `${Math.round(median(pages.map((p) => p.ours.msMedian)))} | ${pct(mean(pages.map((p) => p.ours.cer)))} | ${Math.round(median(pages.map((p) => p.tesseract.msMedian)))} | ${pct(mean(pages.map((p) => p.tesseract.cer)))}`;
  const cells = (p: OcrPeer["pages"][number]) =>
    `${Math.round(p.ours.msMedian)} | ${pct(p.ours.cer)} | ${Math.round(p.tesseract.msMedian)} | ${pct(p.tesseract.cer)}`;
  if (peer.pages.every((p) => p.threads !== undefined)) {
    const settings = [...new Set(peer.pages.map((p) => p.threads as number))].sort((a, b) => a - b);
    return [
      `Document pages, ours (PP-OCR pipeline in process) vs tesseract.js ${peer.tesseractVersion} (${peer.languageData}), from file bytes to text on both sides, equal threads (our ONNX Runtime intra-op threads = tesseract.js workers), orientation detection for tesseract.js on rotated pages, median of ${peer.runsPerPage} run(s), CER after the same normalisation:`,
      "",
      "| page | threads | tesseract.js OSD | ours ms | ours CER | tesseract.js ms | tesseract.js CER |",
      "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
      ...peer.pages.map((p) => `| ${p.file} | ${p.threads} | ${p.orientationDetection ? "yes" : "no"} | ${cells(p)} |`),
      ...(peer.pages.length > settings.length
        ? settings.map((t) => `| mean CER, median ms | ${t} | | ${summary(peer.pages.filter((p) => p.threads === t))} |`)
        : []),
    ];
  }
  return [
    `Document pages, ours (PP-OCR pipeline in process) vs tesseract.js ${peer.tesseractVersion} (${peer.languageData}), median of ${peer.runsPerPage} run(s), CER after the same normalisation:`,
    "",
    "| page | ours ms | ours CER | tesseract.js ms | tesseract.js CER |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...peer.pages.map((p) => `| ${p.file} | ${cells(p)} |`),
    ...(peer.pages.length > 1 ? [`| mean CER, median ms | ${summary(peer.pages)} |`] : []),
  ];
}
