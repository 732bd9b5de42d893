"use client";

import { useState } from "react";
import { ProblemMessage } from "@/components/problem-message";
import { Card, CardTitle } from "@/components/ui/card";
import { ChartFigure } from "@/components/ui/chart-figure";
import { useUsage } from "@/lib/api-client/use-usage";
import type { UsageReportView } from "@/lib/usage/schemas";
import { LatencyPerDayChart, RequestsPerDayChart } from "./usage-charts";
import { formatMs, formatPercent } from "@/lib/format";

type Figures = UsageReportView["totals"];

function FiguresTable({ rows, label, testId }: { rows: (Figures & { label: string })[]; label: string; testId: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No calls in this period.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="text-slate-500">
          <tr>
            <th className="py-1 pr-4 font-medium">{label}</th>
            <th className="py-1 pr-4 text-right font-medium">requests</th>
            <th className="py-1 pr-4 text-right font-medium">error rate</th>
            <th className="py-1 pr-4 text-right font-medium">p50</th>
            <th className="py-1 text-right font-medium">p95</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className="border-t border-slate-100">
              <td className="py-1 pr-4">
                <code className="text-xs">{row.label}</code>
              </td>
              <td className="py-1 pr-4 text-right tabular-nums">{row.requests}</td>
              <td className="py-1 pr-4 text-right tabular-nums">{formatPercent(row.error_rate, 1)}</td>
              <td className="py-1 pr-4 text-right tabular-nums">{formatMs(row.latency_ms_p50, 1)}</td>
              <td className="py-1 text-right tabular-nums">{formatMs(row.latency_ms_p95, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Requests per day, p50/p95 latency and error rate, by endpoint and key (and by user for admins). */
export function UsageView({ scope }: { scope: "own" | "all" }) {
  const [days, setDays] = useState(30);
  const usage = useUsage(scope, days);
  return (
    <div className="space-y-6">
      <label className="flex items-center gap-2 text-sm">
        Period
        <select className="rounded border border-slate-300 px-2 py-1" value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[7, 30, 90].map((d) => (
            <option key={d} value={d}>
              last {d} days
            </option>
          ))}
        </select>
      </label>
      {usage.error && <ProblemMessage problem={usage.error} />}
      {usage.isPending && <p className="text-sm text-slate-600">Loading usage…</p>}
      {usage.data && (
        <>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="usage-totals">
            {[
              ["Requests", String(usage.data.totals.requests)],
              ["Error rate", formatPercent(usage.data.totals.error_rate, 1)],
              ["p50 latency", formatMs(usage.data.totals.latency_ms_p50, 1)],
              ["p95 latency", formatMs(usage.data.totals.latency_ms_p95, 1)],
            ].map(([term, value]) => (
              <Card key={term}>
                <dt className="text-sm text-slate-500">{term}</dt>
                <dd className="text-xl font-semibold tabular-nums">{value}</dd>
              </Card>
            ))}
          </dl>
          <Card className="grid gap-6 lg:grid-cols-2">
            <ChartFigure id="usage-requests" title="Requests per day" caption="Each bar is one UTC day; red is the share answered with an error (4xx or 5xx).">
              <RequestsPerDayChart days={usage.data.per_day} />
            </ChartFigure>
            <ChartFigure
              id="usage-latency"
              title="Latency per day"
              caption="Server time per request, median and 95th percentile, read from hourly histograms (to within 25%)."
            >
              <LatencyPerDayChart days={usage.data.per_day} />
            </ChartFigure>
          </Card>
          <Card>
            <CardTitle>By endpoint</CardTitle>
            <FiguresTable testId="usage-by-route" label="endpoint" rows={usage.data.by_route.map((r) => ({ ...r, label: r.route }))} />
          </Card>
          <Card>
            <CardTitle>By key</CardTitle>
            <FiguresTable
              testId="usage-by-key"
              label="key"
              rows={usage.data.by_key.map((k) => ({ ...k, label: k.key_name ?? (k.key_id ? "(deleted key)" : "browser session") }))}
            />
          </Card>
          {usage.data.by_user && (
            <Card>
              <CardTitle>By user</CardTitle>
              <FiguresTable testId="usage-by-user" label="user" rows={usage.data.by_user.map((u) => ({ ...u, label: u.user_email ?? "(deleted account)" }))} />
            </Card>
          )}
        </>
      )}
    </div>
  );
}
