"use client";

import { useState } from "react";
import { ProblemMessage } from "@/components/problem-message";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { useDeleteHistoryEntry, useHistory, useHistoryEntry } from "@/lib/api-client/use-history";

const kindLabels: Record<string, string> = { "image-text": "Image", document: "Document", multilingual: "Language", safety: "Safety" };

/** The caller's stored analyses: open one to see its answer (and the image, when it was kept), or delete it. */
export function HistoryList() {
  const history = useHistory();
  const remove = useDeleteHistoryEntry();
  const [openId, setOpenId] = useState<string | null>(null);
  const entry = useHistoryEntry(openId);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.3fr)]">
      <Card>
        <CardTitle>Recent analyses</CardTitle>
        {history.error && <ProblemMessage problem={history.error} />}
        {history.data?.analyses.length === 0 && (
          <p className="mt-2 text-sm text-slate-600">Nothing yet: analyses you run on the tool pages or through the API appear here.</p>
        )}
        <ul className="mt-3 divide-y divide-slate-100" data-testid="history-list">
          {history.data?.analyses.map((item) => (
            <li key={item.id} className="flex items-center justify-between gap-3 py-2" data-testid="history-item">
              <button type="button" className="min-w-0 text-left" onClick={() => setOpenId(item.id)}>
                <span className="mr-2">
                  <Badge>{kindLabels[item.kind] ?? item.kind}</Badge>
                </span>
                <span className="break-words text-sm text-slate-800">{item.title}</span>
                <span className="block text-xs text-slate-500">
                  {item.created_at.slice(0, 19).replace("T", " ")} UTC{item.has_image ? " · image kept" : ""}
                </span>
              </button>
              <Button
                type="button"
                variant="secondary"
                aria-label={`Delete ${item.title}`}
                onClick={() => remove.mutate(item.id, { onSuccess: () => openId === item.id && setOpenId(null) })}
              >
                Delete
              </Button>
            </li>
          ))}
        </ul>
        {remove.error && <ProblemMessage problem={remove.error} />}
      </Card>
      <Card>
        <CardTitle>Answer</CardTitle>
        {!openId && <p className="mt-2 text-sm text-slate-600">Pick an analysis to see what it answered.</p>}
        {entry.error && <ProblemMessage problem={entry.error} />}
        {entry.data && (
          <div className="mt-3 space-y-3" data-testid="history-entry">
            <p className="text-sm text-slate-700">{entry.data.title}</p>
            {entry.data.has_image && (
              // eslint-disable-next-line @next/next/no-img-element -- a private, per-user image; no optimisation wanted
              <img src={`/api/v1/history/${entry.data.id}/image`} alt="The uploaded image, as kept" className="max-h-72 rounded border border-slate-200" />
            )}
            <details open>
              <summary className="cursor-pointer text-sm font-medium">The stored answer (JSON)</summary>
              <pre className="mt-2 max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(entry.data.result, null, 2)}</pre>
            </details>
          </div>
        )}
      </Card>
    </div>
  );
}
