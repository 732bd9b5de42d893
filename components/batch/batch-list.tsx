"use client";

import { JobProgress } from "@/components/jobs/job-progress";
import { ProblemMessage } from "@/components/problem-message";
import { useBatches } from "@/lib/api-client/use-batches";

/** The account's batches, newest first, each with its live progress; pick one to see its items. */
export function BatchList({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const batches = useBatches();
  if (batches.error) return <ProblemMessage problem={batches.error} />;
  if (batches.data?.batches.length === 0) return <p className="text-sm text-slate-600">No batches yet: drop some files above to queue one.</p>;
  return (
    <ul className="space-y-2" data-testid="batch-list">
      {batches.data?.batches.map((b) => (
        <li key={b.id}>
          <button
            type="button"
            onClick={() => onSelect(b.id)}
            className={`w-full rounded-lg border p-3 text-left ${selected === b.id ? "border-brand-500 bg-brand-50" : "border-slate-200 bg-white hover:border-brand-300"}`}
          >
            <span className="block text-sm font-medium text-slate-800">{b.title}</span>
            <JobProgress progress={{ status: b.status, ...b.progress }} label={`progress of ${b.title}`} />
          </button>
        </li>
      ))}
    </ul>
  );
}
