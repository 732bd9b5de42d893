import "server-only";
import type { Database } from "../db/client";
import { flushUsage } from "./usage-buffer";
import { hourlyUsageSince, rawUsageSince } from "../db/queries/usage";
import { round } from "../stats";
import { addToHistogram, emptyHistogram, histogramPercentile, mergeHistograms } from "./latency-histogram";

/**
 * Usage over the last `days` days from the hourly roll-ups plus the raw rows not yet rolled up (a
 * row is in exactly one of them): requests per day, p50/p95 latency and error rate, by endpoint and
 * by key. For one user, or for everyone (admin overview, public totals).
 */

interface Tally {
  requests: number;
  errors: number;
  bytesIn: number;
  bytesOut: number;
  histogram: number[];
}

export interface UsageFigures {
  requests: number;
  errors: number;
  error_rate: number;
  latency_ms_p50: number | null;
  latency_ms_p95: number | null;
  bytes_in: number;
  bytes_out: number;
}

export interface UsageReport {
  since: string;
  days: number;
  totals: UsageFigures;
  per_day: (UsageFigures & { day: string })[];
  by_route: (UsageFigures & { route: string })[];
  by_key: (UsageFigures & { key_id: string | null })[];
  by_user: (UsageFigures & { user_id: string | null })[];
}

const newTally = (): Tally => ({ requests: 0, errors: 0, bytesIn: 0, bytesOut: 0, histogram: emptyHistogram() });

function figures(t: Tally): UsageFigures {
  // An empty histogram has no percentile (NaN): null in the JSON, not a number.
  const ms = (x: number) => (Number.isFinite(x) ? round(x, 1) : null);
  return {
    requests: t.requests,
    errors: t.errors,
    error_rate: t.requests ? round(t.errors / t.requests, 4) : 0,
    latency_ms_p50: ms(histogramPercentile(t.histogram, 50)),
    latency_ms_p95: ms(histogramPercentile(t.histogram, 95)),
    bytes_in: t.bytesIn,
    bytes_out: t.bytesOut,
  };
}

export async function usageReport({
  db,
  userId,
  days = 30,
  now = new Date(),
}: {
  db: Database;
  userId?: string;
  days?: number;
  now?: Date;
}): Promise<UsageReport> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * 86_400_000);
  // This process's buffered rows first, so a caller's own recent calls are in their figures.
  await flushUsage(db);
  const [hourly, raw] = await Promise.all([hourlyUsageSince({ db, since, userId }), rawUsageSince({ db, since, userId })]);
  const totals = newTally();
  const perDay = new Map<string, Tally>();
  const byRoute = new Map<string, Tally>();
  const byKey = new Map<string | null, Tally>();
  const byUser = new Map<string | null, Tally>();
  const add = (
    at: Date,
    route: string,
    keyId: string | null,
    owner: string | null,
    status: number,
    requests: number,
    bytesIn: number,
    bytesOut: number,
    fill: (h: number[]) => void,
  ) => {
    const day = at.toISOString().slice(0, 10);
    for (const [map, key] of [
      [perDay, day],
      [byRoute, route],
      [byKey, keyId],
      [byUser, owner],
    ] as [Map<unknown, Tally>, unknown][]) {
      if (!map.has(key)) map.set(key, newTally());
    }
    for (const tally of [totals, perDay.get(day)!, byRoute.get(route)!, byKey.get(keyId)!, byUser.get(owner)!]) {
      tally.requests += requests;
      if (status >= 400) tally.errors += requests;
      tally.bytesIn += bytesIn;
      tally.bytesOut += bytesOut;
      fill(tally.histogram);
    }
  };
  for (const h of hourly)
    add(h.hour, h.route, h.keyId, h.userId, h.status, h.requests, h.bytesIn, h.bytesOut, (hist) => mergeHistograms(hist, h.latencyHistogram));
  for (const r of raw) add(r.at, r.route, r.keyId, r.userId, r.status, 1, r.bytesIn, r.bytesOut, (hist) => addToHistogram(hist, r.latencyMs));

  const perDayFigures: (UsageFigures & { day: string })[] = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    perDayFigures.push({ day, ...figures(perDay.get(day) ?? newTally()) });
  }
  const byRequests = <T extends { requests: number }>(a: T, b: T) => b.requests - a.requests;
  return {
    since: since.toISOString(),
    days,
    totals: figures(totals),
    per_day: perDayFigures,
    by_route: [...byRoute].map(([route, t]) => ({ route, ...figures(t) })).sort(byRequests),
    by_key: [...byKey].map(([key_id, t]) => ({ key_id, ...figures(t) })).sort(byRequests),
    by_user: [...byUser].map(([user_id, t]) => ({ user_id, ...figures(t) })).sort(byRequests),
  };
}
