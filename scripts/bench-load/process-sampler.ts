import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time and resident memory of the benchmark server's process tree, read from /proc (Linux): the
 * `npm start` wrapper, `next start` and anything they spawn. CPU = utime + stime (+ cutime + cstime of
 * reaped children) in clock ticks; RSS = the sum of VmRSS.
 */

let ticksPerSecond: number | undefined;
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
    return { pid, ppid: Number(fields[1]), ticks: utime + stime + cutime + cstime };
  } catch {
    return undefined; // exited between listing and reading
  }
}

/** The root and every descendant alive now. */
export function processTree(root: number): ProcStat[] {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const rootStat = all.find((s) => s.pid === root);
  if (!rootStat) return [];
  const tree = [rootStat];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i].pid) ?? []));
  return tree;
}

/** CPU seconds the tree has used so far. */
export function treeCpuSeconds(root: number): number {
  return processTree(root).reduce((sum, s) => sum + s.ticks, 0) / clockTicksPerSecond();
}

/** Resident memory of the tree now, MiB. */
export function treeRssMiB(root: number): number {
  let kib = 0;
  for (const { pid } of processTree(root)) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) kib += Number(match[1]);
    } catch {
      // exited
    }
  }
  return kib / 1024;
}

/** Samples the tree's RSS every `intervalMs` until stopped; returns every sample and the peak. */
export function sampleRss(root: number, intervalMs = 250): { stop(): { samplesMiB: number[]; peakMiB: number } } {
  const samplesMiB: number[] = [treeRssMiB(root)];
  const timer = setInterval(() => samplesMiB.push(treeRssMiB(root)), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      samplesMiB.push(treeRssMiB(root));
      return { samplesMiB, peakMiB: Math.max(...samplesMiB) };
    },
  };
}
