"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { kindColours } from "./benchmark-view";
import type { HistoryChartData } from "./chart-data";
import { axisLabel, axisTick, legendText, msTick } from "@/components/ui/chart-format";

// UTC, so the server-rendered and hydrated ticks agree.
const timeTick = (ms: number) => new Date(ms).toISOString().slice(5, 16).replace("T", " ");
const dashes = ["", "6 3", "2 3", "8 3 2 3"];

/** p50 latency of each variant across runs; one colour per variant kind, dashes tell variants of a kind apart. */
export function HistoryChart({ data, threads }: { data: HistoryChartData; threads: number }) {
  const seenPerKind = new Map<string, number>();
  return (
    <LineChart
      responsive
      style={{ width: "100%", height: 300 }}
      data={data.rows}
      margin={{ top: 8, right: 24, bottom: 36, left: 16 }}
      title="p50 latency across runs"
    >
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={["dataMin", "dataMax"]}
        padding={{ left: 24, right: 24 }}
        tick={axisTick}
        tickFormatter={timeTick}
        label={{ value: "run started (UTC)", position: "bottom", offset: 16, ...axisLabel }}
      />
      <YAxis
        tick={axisTick}
        tickFormatter={msTick}
        width={64}
        label={{ value: `p50 ms, ${threads} thread`, angle: -90, position: "insideBottomLeft", offset: 10, ...axisLabel }}
      />
      <Tooltip labelFormatter={(label) => `${timeTick(Number(label))} UTC`} formatter={(value, name) => [`${msTick(Number(value))} ms`, name]} />
      <Legend verticalAlign="top" height={20 + Math.ceil(data.series.length / 2) * 20} formatter={legendText} />
      {data.series.map((s) => {
        const n = seenPerKind.get(s.kind) ?? 0;
        seenPerKind.set(s.kind, n + 1);
        return (
          <Line
            key={s.modelId}
            dataKey={s.modelId}
            name={s.label}
            stroke={kindColours[s.kind]}
            strokeDasharray={dashes[n % dashes.length]}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        );
      })}
    </LineChart>
  );
}
