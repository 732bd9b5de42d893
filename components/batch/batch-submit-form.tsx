"use client";

import { useState, type FormEvent } from "react";
import { DropZone } from "@/components/drop-zone";
import { ProblemMessage } from "@/components/problem-message";
import { Button } from "@/components/ui/button";
import { FieldLabel, TextInput } from "@/components/ui/text-field";
import { useSubmitBatch } from "@/lib/api-client/use-batches";

const fileTasks = [
  { task: "document", label: "Read documents (OCR, key fields)", field: { name: "query", label: "Question for every page (optional)" } },
  { task: "image-text", label: "Analyze images against a caption", field: { name: "text", label: "Caption to check on every image" } },
  { task: "safety", label: "Safety-check images", field: null },
] as const;

/** Drop many files, pick what to do with them, optionally a callback URL; the batch is queued at once. */
export function BatchSubmitForm({ onQueued }: { onQueued: (id: string) => void }) {
  const submit = useSubmitBatch();
  const [files, setFiles] = useState<File[]>([]);
  const [task, setTask] = useState<(typeof fileTasks)[number]["task"]>("document");
  const [shared, setShared] = useState("");
  const [callbackUrl, setCallbackUrl] = useState("");
  const [perItem, setPerItem] = useState(false);
  const chosen = fileTasks.find((t) => t.task === task)!;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const form = new FormData();
    form.set("task", task);
    for (const file of files) form.append("files", file, file.name);
    if (chosen.field && shared.trim()) form.set(chosen.field.name, shared);
    if (task === "safety") form.set("content_type", "image");
    if (callbackUrl.trim()) form.set("callback_url", callbackUrl.trim());
    if (perItem) form.set("webhook_per_item", "true");
    submit.mutate(form, {
      onSuccess: (batch) => {
        setFiles([]);
        onQueued(batch.id);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="batch-form">
      <DropZone
        multiple
        onFile={(_first, all) => setFiles((current) => [...current, ...all])}
        testId="batch-drop-zone"
        label="Drop images or scanned pages here, or click to choose several"
        hint="Up to 100 files, 15 MB in all; each becomes one item of the batch."
      />
      {files.length > 0 && (
        <p className="text-sm text-slate-700" data-testid="batch-chosen">
          {files.length} file{files.length === 1 ? "" : "s"} chosen:{" "}
          {files
            .slice(0, 5)
            .map((f) => f.name)
            .join(", ")}
          {files.length > 5 && ", …"}{" "}
          <button type="button" className="text-brand-700 underline" onClick={() => setFiles([])}>
            clear
          </button>
        </p>
      )}
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">What to do with each file</legend>
        {fileTasks.map((t) => (
          <label key={t.task} className="flex items-center gap-2 text-sm">
            <input type="radio" name="task" value={t.task} checked={task === t.task} onChange={() => setTask(t.task)} /> {t.label}
          </label>
        ))}
      </fieldset>
      {chosen.field && (
        <div>
          <FieldLabel htmlFor="batch-shared">{chosen.field.label}</FieldLabel>
          <TextInput id="batch-shared" value={shared} onChange={(e) => setShared(e.target.value)} maxLength={5000} />
        </div>
      )}
      <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end">
        <div>
          <FieldLabel htmlFor="batch-callback">Callback URL (optional, public https address)</FieldLabel>
          <TextInput
            id="batch-callback"
            type="url"
            placeholder="https://example.com/webhooks/insight"
            value={callbackUrl}
            onChange={(e) => setCallbackUrl(e.target.value)}
          />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={perItem} onChange={(e) => setPerItem(e.target.checked)} disabled={!callbackUrl.trim()} /> a webhook per item too
        </label>
      </div>
      <Button type="submit" disabled={submit.isPending || files.length === 0} data-testid="batch-submit">
        {submit.isPending ? "Uploading…" : `Queue ${files.length || ""} item${files.length === 1 ? "" : "s"}`}
      </Button>
      {submit.error && <ProblemMessage problem={submit.error} />}
    </form>
  );
}
