import { JobProgress } from "@/components/jobs/job-progress";
import type { JobView } from "@/lib/jobs/job-view";
import type { MeasurementState } from "./benchmark-view";
import { formatRunTime } from "./benchmark-view";
import { AutoRefresh } from "./auto-refresh";

/** The model lab's jobs (benchmarks, variants, the safety benchmark) that are queued or running, with their progress. */
function LabJobs({ jobs }: { jobs: JobView[] }) {
  return (
    <div role="status" data-testid="lab-jobs" className="space-y-3 rounded-lg border border-brand-100 bg-brand-50 p-4 text-sm text-slate-800">
      <AutoRefresh />
      <p className="font-semibold">The model lab is at work (one job at a time; the rest wait their turn)</p>
      <ul className="space-y-2">
        {jobs.map((job) => (
          <li key={job.id} data-testid="lab-job" data-kind={job.kind}>
            <span className="block">{job.title}</span>
            <JobProgress progress={{ status: job.status, ...job.progress }} label={job.title} />
          </li>
        ))}
      </ul>
      <p className="text-slate-600">This page updates itself every 10 seconds meanwhile.</p>
    </div>
  );
}

/** Variants the lab could not produce on this instance, with the reason. */
function LabProblems({ jobs }: { jobs: JobView[] }) {
  return (
    <div data-testid="lab-problems" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
      <p className="font-semibold">Not produced on this instance:</p>
      <ul className="mt-1 list-disc pl-5">
        {jobs.map((job) => (
          <li key={job.id}>
            {job.title} — {job.error}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What is being measured right now and what has no figures yet. While a run is under way the page
 * refreshes itself (a small client leaf); otherwise it says what to do to get figures.
 */
export function MeasurementStatus({ state, labJobs = [] }: { state: MeasurementState; labJobs?: JobView[] }) {
  const active = labJobs.filter((job) => job.status === "queued" || job.status === "running");
  const failedVariants = labJobs.filter((job) => job.kind === "variant" && job.status === "failed");
  return (
    <div className="space-y-3">
      {active.length > 0 && <LabJobs jobs={active} />}
      <RunStatus state={state} />
      {failedVariants.length > 0 && <LabProblems jobs={failedVariants} />}
    </div>
  );
}

function RunStatus({ state }: { state: MeasurementState }) {
  if (state.running) {
    const run = state.activeRun;
    return (
      <div role="status" data-testid="benchmark-running" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-sm text-slate-800">
        <AutoRefresh />
        <p className="font-semibold">
          {state.hasFigures ? "A benchmark run is in progress" : "The first benchmark run is in progress"}
          {run && (
            <span className="font-normal text-slate-600">
              {" "}
              — started {formatRunTime(run.startedAt)} ({run.trigger})
            </span>
          )}
        </p>
        {state.stillMeasuring.length > 0 ? (
          <p className="mt-1">
            Still being measured:{" "}
            <span data-testid="still-measuring">
              {state.stillMeasuring.map((id, i) => (
                <span key={id}>
                  {i > 0 && ", "}
                  <code>{id}</code>
                </span>
              ))}
            </span>
            .
            {state.remeasuring.length > 0 &&
              ` Figures shown for ${state.remeasuring.length === state.stillMeasuring.length ? "these" : state.remeasuring.join(", ")} come from an earlier run until the new ones arrive.`}
          </p>
        ) : (
          <p className="mt-1">Every variant of this run has been measured; the run is finishing.</p>
        )}
        <p className="mt-1 text-slate-600">This page updates itself every 10 seconds while the run lasts; reloading it shows the newest figures too.</p>
      </div>
    );
  }
  if (!state.hasFigures) {
    return (
      <div role="status" data-testid="benchmark-empty" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
        {state.lastFailure ? (
          <>
            <p className="font-semibold">The last benchmark run ({formatRunTime(state.lastFailure.startedAt)}) measured nothing.</p>
            {state.lastFailure.error && <pre className="mt-2 whitespace-pre-wrap break-words text-xs">{state.lastFailure.error}</pre>}
          </>
        ) : (
          <p className="font-semibold">No benchmark has run on this instance yet.</p>
        )}
        <p className="mt-1">
          A short benchmark runs in the background after start-up unless <code>BENCHMARK_ON_START=0</code>; an administrator can also start one with{" "}
          <code>POST /api/v1/benchmarks/runs</code>. Reload this page once it has started.
        </p>
        {state.unmeasured.length > 0 && <p className="mt-1">Variants a run will measure: {state.unmeasured.map((u) => u.modelId).join(", ")}.</p>}
      </div>
    );
  }
  if (state.unmeasured.length === 0) return null;
  return (
    <div role="status" data-testid="benchmark-unmeasured" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
      <p className="font-semibold">No figures yet for {state.unmeasured.length === 1 ? "one variant" : `${state.unmeasured.length} variants`}:</p>
      <ul className="mt-1 list-disc pl-5">
        {state.unmeasured.map((u) => (
          <li key={u.modelId}>
            <code>{u.modelId}</code> — {u.reason ?? "added since the last run; the next run measures it"}
          </li>
        ))}
      </ul>
    </div>
  );
}
