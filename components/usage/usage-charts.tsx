"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { axisLabel, axisTick, legendText, msTick } from "@/components/ui/chart-format";

export interface DayPoint {
  day: string;
  requests: number;
  errors?: number;
  latency_ms_p50: number | null;
  latency_ms_p95?: number | null;
}

const dayTick = (day: string) => day.slice(5);

/** Requests per day, errors stacked on top. */
export function RequestsPerDayChart({ days }: { days: DayPoint[] }) {
  const rows = days.map((d) => ({ day: d.day, ok: d.requests - (d.errors ?? 0), errors: d.errors ?? 0 }));
  return (
    <BarChart responsive style={{ width: "100%", height: 260 }} data={rows} margin={{ top: 8, right: 16, bottom: 32, left: 8 }} title="Requests per day">
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="day" tick={axisTick} tickFormatter={dayTick} label={{ value: "day (UTC)", position: "bottom", offset: 12, ...axisLabel }} />
      <YAxis allowDecimals={false} tick={axisTick} width={48} label={{ value: "requests", angle: -90, position: "insideLeft", ...axisLabel }} />
      <Tooltip />
      <Legend verticalAlign="top" height={24} formatter={legendText} />
      <Bar dataKey="ok" name="answered (2xx/3xx)" stackId="r" fill="#2563eb" isAnimationActive={false} />
      <Bar dataKey="errors" name="errors (4xx/5xx)" stackId="r" fill="#e11d48" isAnimationActive={false} />
    </BarChart>
  );
}

/** p50 and p95 latency per day (from hourly histograms, to within 25%). */
export function LatencyPerDayChart({ days }: { days: DayPoint[] }) {
  return (
    <LineChart responsive style={{ width: "100%", height: 260 }} data={days} margin={{ top: 8, right: 16, bottom: 32, left: 8 }} title="Latency per day">
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="day" tick={axisTick} tickFormatter={dayTick} label={{ value: "day (UTC)", position: "bottom", offset: 12, ...axisLabel }} />
      <YAxis tick={axisTick} tickFormatter={msTick} width={56} label={{ value: "ms", angle: -90, position: "insideLeft", ...axisLabel }} />
      <Tooltip formatter={(value, name) => [`${msTick(Number(value))} ms`, name]} />
      <Legend verticalAlign="top" height={24} formatter={legendText} />
      <Line dataKey="latency_ms_p50" name="p50" stroke="#2563eb" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      {days.some((d) => d.latency_ms_p95 !== undefined) && (
        <Line dataKey="latency_ms_p95" name="p95" stroke="#f59e0b" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      )}
    </LineChart>
  );
}
