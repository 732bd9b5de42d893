import { formatMs, formatPercent } from "../../lib/format";
import { median } from "../../lib/stats";
import type { PeerRow, PeerRun } from "./peer-result";

/** The tables of the OCR peer comparison (docs/documents-and-ocr.md) and its one-line summary (README.md). */

const pct = (v: number) => formatPercent(v, 1);
const kindOf = (row: PeerRow) => (row.rotated ? "rotated" : "upright");
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

interface Group {
  threads: number;
  kind: "upright" | "rotated";
  rows: PeerRow[];
}

function groups(rows: PeerRow[]): Group[] {
  const out: Group[] = [];
  for (const threads of [...new Set(rows.map((r) => r.threads))].sort((a, b) => a - b)) {
    for (const kind of ["upright", "rotated"] as const) {
      const members = rows.filter((r) => r.threads === threads && kindOf(r) === kind);
      if (members.length > 0) out.push({ threads, kind, rows: members });
    }
  }
  return out;
}

function summaryOf(group: Group) {
  return {
    oursMs: median(group.rows.map((r) => r.ours.msMedian)),
    tesseractMs: median(group.rows.map((r) => r.tesseract.msMedian)),
    oursCer: mean(group.rows.map((r) => r.ours.cer)),
    tesseractCer: mean(group.rows.map((r) => r.tesseract.cer)),
  };
}

export function peerTables(run: PeerRun, machine: string): string {
  const pageTable = [
    "| page | kind | threads | ours ms | tesseract.js ms | ours CER | tesseract.js CER | tesseract.js configuration | ours ms/page, `threads` pages in flight | tesseract.js ms/page, `threads` pages in flight |",
    "|---|---|---:|---:|---:|---:|---:|---|---:|---:|",
    ...run.rows.map(
      (r) =>
        `| ${r.file.replace(/^ocr\//, "")} | ${kindOf(r)} | ${r.threads} | ${formatMs(r.ours.msMedian)} | ${formatMs(r.tesseract.msMedian)} | ${pct(r.ours.cer)} | ${pct(r.tesseract.cer)} | ${r.orientationDetection ? "OSD, PSM 1" : "PSM 6 (default)"} | ${formatMs(r.ours.msPerPageBusy)} | ${formatMs(r.tesseract.msPerPageBusy)} |`,
    ),
  ];
  const summaryTable = [
    "| threads | pages | ours median ms | tesseract.js median ms | ours mean CER | tesseract.js mean CER |",
    "|---:|---|---:|---:|---:|---:|",
    ...groups(run.rows).map((g) => {
      const s = summaryOf(g);
      return `| ${g.threads} | ${g.kind} (${g.rows.length}) | ${formatMs(s.oursMs)} | ${formatMs(s.tesseractMs)} | ${pct(s.oursCer)} | ${pct(s.tesseractCer)} |`;
    }),
  ];
  return [
    `tesseract.js ${run.tesseractVersion} (${run.languageData}) against our pipeline, from the file's bytes in memory to text on both sides (decode included), median of ${run.runsPerPage} timed run(s) per page after a warm-up, the two sides taking turns run by run. ${machine}`,
    "",
    ...summaryTable,
    "",
    ...pageTable,
  ].join("\n");
}

/** One line for the README: per thread setting, upright and rotated pages, ours vs tesseract.js (ms median of pages, mean CER). */
export function peerSummaryLine(run: PeerRun, when: string): string {
  const parts = groups(run.rows).map((g) => {
    const s = summaryOf(g);
    return `${g.threads} thread(s), ${g.kind}${g.kind === "rotated" ? " (tesseract.js with OSD)" : ""}: ${formatMs(s.oursMs)} / CER ${pct(s.oursCer)} vs ${formatMs(s.tesseractMs)} / ${pct(s.tesseractCer)}`;
  });
  return `OCR vs tesseract.js ${run.tesseractVersion} (bytes to text, equal threads; ${when}; [table](docs/documents-and-ocr.md#against-tesseractjs)): ${parts.join("; ")}.`;
}
