import type { BenchmarkRunView, BenchmarksResponse } from "@/lib/inference/measurement/result-schema";
import type { Int8Runtime } from "@/lib/inference/describe-int8-runtime";
import { Card, CardTitle } from "@/components/ui/card";
import { formatRunTime } from "./benchmark-view";

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

interface RecordedInt8 {
  saturates?: boolean | null;
  precisionOption?: boolean;
  flagsDisagree?: boolean;
}

function int8Text(int8: RecordedInt8 | undefined): string | undefined {
  if (!int8 || int8.saturates === undefined) return "not recorded (run from before int8 behaviour was recorded)";
  const kernels = int8.saturates === null ? "probe failed" : int8.saturates ? "U8S8 pair sums saturate (no VNNI)" : "exact (VNNI or AMX)";
  const remedy = int8.precisionOption ? "session.x64quantprecision=1 on every session" : "no runtime option needed";
  return `${kernels}; ${remedy}${int8.flagsDisagree ? " — the CPU flags promise VNNI, the kernels did not deliver it (emulated or masked CPU)" : ""}`;
}

/** The machine and settings of a run, as the runner recorded them, and this instance's own int8 findings. */
export function MachineCard({
  run,
  instance,
  otherMachines,
}: {
  run: BenchmarkRunView;
  instance?: Int8Runtime;
  otherMachines: BenchmarksResponse["otherMachines"];
}) {
  const m = run.machine;
  const c = run.config;
  const flags = list(m.cpuFlags);
  const rows: [string, string | undefined][] = [
    ["CPU", text(m.cpuModel)],
    ["Cores", text(m.cores)],
    ["Instruction sets", flags.length ? flags.join(", ") : "none of the int8-relevant ones detected"],
    ["int8 kernels", int8Text(m.int8 as RecordedInt8 | undefined)],
    ["Fingerprint", run.fingerprint],
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
              <dd className="text-slate-900" data-testid={`machine-${label.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`}>
                {value}
              </dd>
            </div>
          ))}
      </dl>
      {flags.includes("avx512_vnni") && (
        <p className="mt-3 text-xs text-slate-600">
          AVX-512 VNNI computes int8 dot products in one instruction, which is what lets statically quantized (int8) convolutions run faster on this CPU.
        </p>
      )}
      {instance && (
        <p className="mt-3 text-xs text-slate-600" data-testid="instance-int8">
          This instance now: {instance.reason} Variants produced here: {instance.produced_variants}.
        </p>
      )}
      {otherMachines.length > 0 && (
        <div className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="note" data-testid="other-machines">
          <p className="font-medium">Figures from other machines are kept apart, not mixed into these comparisons:</p>
          <ul className="mt-1 list-disc pl-5">
            {otherMachines.map((o) => (
              <li key={o.fingerprint}>
                {o.fingerprint}: {o.variants} variant{o.variants === 1 ? "" : "s"}, newest {formatRunTime(o.newestAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
