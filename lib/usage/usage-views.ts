import "server-only";
import type { Database } from "../db/client";
import { keyNames } from "../db/queries/api-keys";
import { userLabels } from "../db/queries/users";
import type { UsageReportView } from "./schemas";
import { usageReport } from "./usage-report";

/** The three audiences of usage figures: a user (their own), an admin (everyone), the public (totals only). */

export async function ownUsage({ db, userId, days }: { db: Database; userId: string; days: number }): Promise<UsageReportView> {
  const { by_user: _byUser, ...report } = await usageReport({ db, userId, days });
  const names = await keyNames({ db, ids: report.by_key.flatMap((k) => (k.key_id ? [k.key_id] : [])), ownerId: userId });
  return { ...report, by_key: report.by_key.map((k) => ({ ...k, key_name: k.key_id ? (names.get(k.key_id) ?? null) : null })) };
}

export async function instanceUsage({ db, days }: { db: Database; days: number }): Promise<UsageReportView> {
  const report = await usageReport({ db, days });
  const keyIds = report.by_key.flatMap((k) => (k.key_id ? [k.key_id] : []));
  const userIds = report.by_user.flatMap((u) => (u.user_id ? [u.user_id] : []));
  const [names, labels] = await Promise.all([keyNames({ db, ids: keyIds, ownerId: null }), userLabels({ db, ids: userIds })]);
  return {
    ...report,
    by_key: report.by_key.map((k) => ({ ...k, key_name: k.key_id ? (names.get(k.key_id) ?? null) : null })),
    by_user: report.by_user.map((u) => ({ ...u, user_email: u.user_id ? (labels.get(u.user_id) ?? null) : "anonymous" })),
  };
}

export async function publicUsage({ db, days }: { db: Database; days: number }) {
  const { since, totals, per_day } = await usageReport({ db, days });
  return {
    since,
    days,
    requests: totals.requests,
    error_rate: totals.error_rate,
    latency_ms_p50: totals.latency_ms_p50,
    latency_ms_p95: totals.latency_ms_p95,
    per_day: per_day.map((d) => ({ day: d.day, requests: d.requests, latency_ms_p50: d.latency_ms_p50 })),
  };
}
