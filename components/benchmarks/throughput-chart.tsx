"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { ThroughputChartData } from "./chart-data";
import { axisLabel, axisTick, legendText } from "@/components/ui/chart-format";

const colours = ["#64748b", "#0d9488", "#115e59", "#042f2e"];

/** Items per second at batch 1 and at the larger batch sizes the runner measured. */
export function ThroughputChart({ data }: { data: ThroughputChartData }) {
  return (
    <BarChart
      layout="vertical"
      responsive
      style={{ width: "100%", height: 80 + data.rows.length * 56 }}
      data={data.rows}
      margin={{ top: 8, right: 24, bottom: 28, left: 8 }}
      title="Throughput by batch size"
    >
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
      <XAxis type="number" tick={axisTick} label={{ value: "items per second (higher is better)", position: "bottom", offset: 10, ...axisLabel }} />
      <YAxis type="category" dataKey="name" width={128} tick={axisTick} interval={0} />
      <Tooltip formatter={(value, name) => [`${Number(value).toFixed(1)} items/s`, name]} />
      <Legend verticalAlign="top" height={28} formatter={legendText} />
      {data.batchSizes.map((batchSize, i) => (
        <Bar
          key={batchSize}
          dataKey={`batch${batchSize}`}
          name={`batch ${batchSize}`}
          fill={colours[Math.min(i, colours.length - 1)]}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
