import type { BenchmarkRunView } from "@/lib/benchmarks/result-schema";
import { Card, CardTitle } from "@/components/ui/card";
import { formatRunTime } from "./benchmark-view";

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

/** The machine and settings of a run, as the runner recorded them. */
export function MachineCard({ run }: { run: BenchmarkRunView }) {
  const m = run.machine;
  const c = run.config;
  const flags = list(m.cpuFlags);
  const rows: [string, string | undefined][] = [
    ["CPU", text(m.cpuModel)],
    ["Cores", text(m.cores)],
    ["Instruction sets", flags.length ? flags.join(", ") : "none of the int8-relevant ones detected"],
    ["Memory", text(m.memoryGiB) && `${text(m.memoryGiB)} GiB`],
    ["Platform", text(m.platform)],
    ["Node.js", text(m.nodeVersion)],
    ["ONNX Runtime", text(m.onnxruntimeVersion) && `onnxruntime-node ${text(m.onnxruntimeVersion)}`],
    [
      "Settings",
      text(c.runs) &&
        `${text(c.preset) ?? "custom"} preset: ${text(c.warmUp) ?? "?"} warm-up then ${text(c.runs)} timed runs per setting; threads ${list(c.threads).join(", ")}; batch sizes ${["1", ...list(c.batchSizes)].join(", ")}`,
    ],
    ["Run", `${formatRunTime(run.startedAt)} (${run.trigger}, ${run.status})`],
  ];
  return (
    <Card data-testid="machine">
      <CardTitle>The machine these figures come from</CardTitle>
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="text-slate-900" data-testid={`machine-${label.toLowerCase().replaceAll(/[^a-z]+/g, "-")}`}>
                {value}
              </dd>
            </div>
          ))}
      </dl>
      {flags.includes("avx512_vnni") && (
        <p className="mt-3 text-xs text-slate-600">AVX-512 VNNI computes int8 dot products in one instruction, which is what lets statically quantized (int8) convolutions run faster on this CPU.</p>
      )}
    </Card>
  );
}
