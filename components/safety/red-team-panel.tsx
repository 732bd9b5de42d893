"use client";

import { useState } from "react";
import { JobProgress } from "@/components/jobs/job-progress";
import { ProblemMessage } from "@/components/problem-message";
import { useRedTeamReports, useStartRedTeam } from "@/lib/api-client/use-analyses";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import type { ReportView } from "@/lib/safety/red-team/report-schema";
import type { CampaignSummary } from "@/lib/safety/red-team/run-campaign";
import { ScoreBar } from "./score-bar";

/** Start red-team campaigns and read their reports: detection per mutator and per attack family. */
export function RedTeamPanel() {
  const [selected, setSelected] = useState<string | null>(null);
  const reports = useRedTeamReports();
  const start = useStartRedTeam((report) => setSelected(report.id));
  const list = reports.data?.reports ?? [];
  const current = list.find((r) => r.id === selected) ?? list.find((r) => r.status === "done");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={() => start.mutate()} disabled={start.isPending} data-testid="red-team-start">
          {start.isPending ? "Starting…" : "Run a campaign"}
        </Button>
        <span className="text-sm text-slate-600">24 seed attacks and 5 benign controls through 12 mutators; runs in the background (about a minute).</span>
      </div>
      {(start.error || reports.error) && <ProblemMessage problem={(start.error ?? reports.error)!} />}
      {list.length === 0 && !reports.isLoading && (
        <p className="text-sm text-slate-600">No campaigns yet. Run one to see how often each mutation slips past the detector.</p>
      )}
      {list.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Campaign reports">
          {list.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                onClick={() => setSelected(r.id)}
                className={`rounded-lg border px-3 py-1 text-left text-sm ${current?.id === r.id ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"}`}
              >
                {r.title}
                {r.job && (r.status === "queued" || r.status === "running") ? (
                  <JobProgress progress={{ status: r.job.status, ...r.job.progress }} label={`progress of ${r.title}`} />
                ) : (
                  <> · {r.status}</>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && <CampaignReport report={current} />}
    </div>
  );
}

function CampaignReport({ report }: { report: ReportView }) {
  if (report.status === "running")
    return (
      <p role="status" className="text-sm text-slate-700">
        Running: {Math.round(report.progress * 100)}% of the mutated attacks scored…
      </p>
    );
  if (report.status === "failed") return <ProblemMessage problem={{ title: "Campaign failed", detail: report.error ?? "unknown error" }} />;
  const summary = report.summary as CampaignSummary;
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="red-team-report">
      <Card className="space-y-2 lg:col-span-2">
        <CardTitle>{report.title}</CardTitle>
        <p className="text-sm text-slate-700">
          Detected {summary.attacks.detected} of {summary.attacks.total} mutated attacks ({(summary.attacks.rate * 100).toFixed(1)}%); false alarms on mutated
          benign controls: {summary.benign.falseAlarms} of {summary.benign.total} ({(summary.benign.falsePositiveRate * 100).toFixed(1)}%). Took{" "}
          {(summary.durationMs / 1000).toFixed(1)} s.
        </p>
      </Card>
      <Card className="space-y-2">
        <CardTitle>Detection rate by mutator</CardTitle>
        <p className="text-xs text-slate-500">Share of mutated attacks flagged; a short bar is a mutation the detector misses.</p>
        {summary.perMutator.map((m) => (
          <ScoreBar
            key={m.mutator}
            label={`${m.mutator} (${m.detected}/${m.total}; false alarms ${m.falseAlarms}/${m.benignTotal})`}
            value={m.rate}
            tone={m.rate >= 0.8 ? "good" : "bad"}
          />
        ))}
      </Card>
      <Card className="space-y-2">
        <CardTitle>Detection rate by attack family</CardTitle>
        <p className="text-xs text-slate-500">Share of a family&apos;s mutated attacks flagged, over all mutators.</p>
        {summary.perFamily.map((f) => (
          <ScoreBar key={f.family} label={`${f.family} (${f.detected}/${f.total})`} value={f.rate} tone={f.rate >= 0.8 ? "good" : "bad"} />
        ))}
      </Card>
    </div>
  );
}
