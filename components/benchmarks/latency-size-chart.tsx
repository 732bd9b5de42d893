"use client";

import { CartesianGrid, LabelList, Legend, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { kindColours, kindLabels, type VariantKind } from "./benchmark-view";
import type { ScatterPoint } from "./chart-data";
import { axisLabel, axisTick, legendText, logDomain, logTicks, msTick } from "@/components/ui/chart-format";

const kinds: VariantKind[] = ["full_precision", "quantized", "pruned"];

type LabelProps = { x?: number | string; y?: number | string; width?: number | string; height?: number | string; index?: number };

/**
 * p50 latency against file size, one dot per variant coloured by kind. Variants of one family sit
 * close together, so each dot carries a number and the key below names it with its accuracy.
 */
export function LatencySizeChart({ points, threads }: { points: ScatterPoint[]; threads: number }) {
  const numbered = points.map((point, i) => ({ ...point, n: i + 1 }));
  const xDomain = logDomain(points.map((p) => p.sizeMb));
  const yDomain = logDomain(points.map((p) => p.p50Ms));
  return (
    <div className="space-y-3">
      <ScatterChart
        responsive
        style={{ width: "100%", height: 360 }}
        margin={{ top: 8, right: 24, bottom: 36, left: 16 }}
        title="p50 latency against model size per variant"
      >
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis
          type="number"
          dataKey="sizeMb"
          name="Size"
          scale="log"
          domain={xDomain}
          ticks={logTicks(...xDomain)}
          tick={axisTick}
          tickFormatter={(v: number) => `${v} MB`}
          label={{ value: "model file size (MB, log scale)", position: "bottom", offset: 16, ...axisLabel }}
        />
        <YAxis
          type="number"
          dataKey="p50Ms"
          name="p50 latency"
          scale="log"
          domain={yDomain}
          ticks={logTicks(...yDomain)}
          tick={axisTick}
          tickFormatter={(v: number) => `${msTick(v)} ms`}
          label={{ value: "p50 latency (ms, log)", angle: -90, position: "insideLeft", offset: -4, dy: 60, ...axisLabel }}
          width={72}
        />
        <Tooltip
          cursor={{ strokeDasharray: "3 3" }}
          formatter={(value, name) => [name === "Size" ? `${Number(value).toFixed(2)} MB` : `${msTick(Number(value))} ms`, name]}
          labelFormatter={() => ""}
        />
        <Legend verticalAlign="top" height={28} formatter={legendText} />
        {kinds.map((kind) => {
          const data = numbered.filter((p) => p.kind === kind);
          if (data.length === 0) return null;
          return (
            <Scatter key={kind} name={kindLabels[kind]} data={data} fill={kindColours[kind]} isAnimationActive={false}>
              <LabelList
                content={(props: LabelProps) => {
                  const point = data[props.index ?? 0];
                  if (!point) return null;
                  // Alternate sides so dots at the same place keep readable numbers.
                  const right = point.n % 2 === 1;
                  const cx = Number(props.x) + Number(props.width ?? 0) / 2;
                  const cy = Number(props.y) + Number(props.height ?? 0) / 2;
                  return (
                    <text x={cx + (right ? 9 : -9)} y={cy + 4} textAnchor={right ? "start" : "end"} fontSize={11} fontWeight={600} fill="#1e293b">
                      {point.n}
                    </text>
                  );
                }}
              />
            </Scatter>
          );
        })}
      </ScatterChart>
      <ol className="grid gap-x-6 gap-y-1 text-xs text-slate-700 sm:grid-cols-2" aria-label="Key to the numbered dots" data-testid="latency-size-key">
        {numbered.map((p) => (
          <li key={p.modelId} className="flex items-baseline gap-2">
            <span className="w-5 shrink-0 text-right font-semibold">{p.n}</span>
            <span className="inline-block h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: kindColours[p.kind] }} aria-hidden="true" />
            <span>
              <code>{p.modelId}</code> ({kindLabels[p.kind]}): {msTick(p.p50Ms)} ms at {threads} thread{threads === 1 ? "" : "s"}, {p.sizeMb.toFixed(2)} MB,{" "}
              {p.accuracy ?? "accuracy not measured"}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
