"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { PercentileRow } from "./chart-data";
import { axisLabel, axisTick, legendText, msTick } from "@/components/ui/chart-format";

const series = [
  { key: "p50Ms", name: "p50", colour: "#1e3a8a" },
  { key: "p95Ms", name: "p95", colour: "#3b82f6" },
  { key: "p99Ms", name: "p99", colour: "#93c5fd" },
  { key: "cpuMsPerRun", name: "CPU time per run", colour: "#a855f7" },
] as const;

/** Latency percentiles and CPU time per run, per variant and thread setting, as horizontal bars. */
export function PercentileChart({ rows }: { rows: PercentileRow[] }) {
  return (
    <BarChart
      layout="vertical"
      responsive
      style={{ width: "100%", height: 80 + rows.length * 64 }}
      data={rows}
      margin={{ top: 8, right: 24, bottom: 28, left: 8 }}
      barCategoryGap="18%"
      title="Latency percentiles and CPU time per run"
    >
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
      <XAxis
        type="number"
        tick={axisTick}
        tickFormatter={msTick}
        label={{ value: "milliseconds per inference (batch 1)", position: "bottom", offset: 10, ...axisLabel }}
      />
      <YAxis type="category" dataKey="name" width={128} tick={axisTick} interval={0} />
      <Tooltip formatter={(value, name) => [`${msTick(Number(value))} ms`, name]} />
      <Legend verticalAlign="top" height={28} formatter={legendText} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.colour} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
