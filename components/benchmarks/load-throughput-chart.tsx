"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { axisLabel, axisTick, legendText } from "@/components/ui/chart-format";

export interface LoadChartRow {
  /** "route · c=N" */
  name: string;
  /** Requests per second (2xx) with batching on / off; absent when not measured. */
  on?: number;
  off?: number;
  /** The route's machine limit (cores / single-stream CPU per request), batching on. */
  limit?: number;
}

/** Throughput of every route and concurrency of the newest load run, batching on vs off, beside the machine limit. */
export function LoadThroughputChart({ rows }: { rows: LoadChartRow[] }) {
  return (
    <BarChart
      layout="vertical"
      responsive
      style={{ width: "100%", height: 80 + rows.length * 44 }}
      data={rows}
      margin={{ top: 8, right: 24, bottom: 28, left: 8 }}
      title="Throughput under load"
    >
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
      <XAxis
        type="number"
        scale="sqrt"
        tick={axisTick}
        label={{ value: "requests per second, 2xx (higher is better; square-root scale)", position: "bottom", offset: 10, ...axisLabel }}
      />
      <YAxis type="category" dataKey="name" width={168} tick={axisTick} interval={0} />
      <Tooltip formatter={(value, name) => [`${Number(value).toFixed(2)} req/s`, name]} />
      <Legend verticalAlign="top" height={28} formatter={legendText} />
      <Bar dataKey="on" name="batching on" fill="#0d9488" isAnimationActive={false} />
      <Bar dataKey="off" name="batching off" fill="#64748b" isAnimationActive={false} />
      <Bar dataKey="limit" name="machine limit" fill="#e2e8f0" stroke="#94a3b8" isAnimationActive={false} />
    </BarChart>
  );
}
