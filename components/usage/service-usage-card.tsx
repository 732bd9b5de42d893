import { Card, CardTitle } from "@/components/ui/card";
import { ChartFigure } from "@/components/ui/chart-figure";
import type { publicUsageSchema } from "@/lib/usage/schemas";
import type { z } from "zod";
import { LatencyPerDayChart, RequestsPerDayChart } from "./usage-charts";
import { formatMs } from "@/lib/format";
import { latencyPerDayTakeaway, requestsPerDayTakeaway } from "./usage-takeaways";

type PublicUsage = z.infer<typeof publicUsageSchema>;

/** The public dashboard's view of how the service is used: totals and latency, nothing about who. */
export function ServiceUsageCard({ usage }: { usage: PublicUsage | undefined }) {
  if (!usage) return null;
  return (
    <Card className="space-y-4" data-testid="service-usage">
      <CardTitle>API use of this instance, last {usage.days} days</CardTitle>
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-slate-500">Requests</dt>
          <dd className="text-lg font-semibold tabular-nums">{usage.requests}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Error rate</dt>
          <dd className="text-lg font-semibold tabular-nums">{(usage.error_rate * 100).toFixed(1)}%</dd>
        </div>
        <div>
          <dt className="text-slate-500">p50 latency</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatMs(usage.latency_ms_p50, 1)}</dd>
        </div>
        <div>
          <dt className="text-slate-500">p95 latency</dt>
          <dd className="text-lg font-semibold tabular-nums">{formatMs(usage.latency_ms_p95, 1)}</dd>
        </div>
      </dl>
      {usage.requests > 0 && (
        <div className="grid gap-6 lg:grid-cols-2">
          <ChartFigure
            id="service-requests"
            title="Requests per day"
            takeaway={requestsPerDayTakeaway(usage.per_day)}
            caption="Every API call answered by this instance, per UTC day."
          >
            <RequestsPerDayChart days={usage.per_day} />
          </ChartFigure>
          <ChartFigure
            id="service-latency"
            title="Median latency per day"
            takeaway={latencyPerDayTakeaway(usage.per_day)}
            caption="Server time per request (p50), from hourly histograms, to within 25%."
          >
            <LatencyPerDayChart days={usage.per_day} />
          </ChartFigure>
        </div>
      )}
    </Card>
  );
}
