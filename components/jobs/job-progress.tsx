/** One way to show a job's progress everywhere: a bar of done, failed and cancelled out of the total, and the words. */
export interface JobProgressValue {
  status: string;
  total: number;
  done: number;
  failed: number;
  cancelled?: number;
}

const statusLabels: Record<string, string> = { queued: "queued", running: "running", done: "done", failed: "failed", cancelled: "cancelled" };

export function JobProgress({ progress, label }: { progress: JobProgressValue; label?: string }) {
  const cancelled = progress.cancelled ?? 0;
  const percent = (n: number) => (progress.total ? (n / progress.total) * 100 : 0);
  const finished = progress.done + progress.failed + cancelled;
  return (
    <div className="space-y-1" data-testid="job-progress" data-status={progress.status}>
      <div
        className="flex h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-label={label ?? "progress"}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={finished}
      >
        <div className="bg-emerald-500" style={{ width: `${percent(progress.done)}%` }} />
        <div className="bg-rose-500" style={{ width: `${percent(progress.failed)}%` }} />
        <div className="bg-slate-400" style={{ width: `${percent(cancelled)}%` }} />
      </div>
      <p className="text-xs text-slate-600">
        <span className="font-medium">{statusLabels[progress.status] ?? progress.status}</span> · {progress.done} done
        {progress.failed > 0 && `, ${progress.failed} failed`}
        {cancelled > 0 && `, ${cancelled} cancelled`} of {progress.total}
      </p>
    </div>
  );
}
