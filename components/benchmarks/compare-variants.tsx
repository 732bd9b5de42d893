"use client";

import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { DropZone } from "@/components/drop-zone";
import { ProblemMessage } from "@/components/problem-message";
import type { ProblemLike } from "@/lib/api-client/problem";
import { type CompareModelsBody, compareModels, readAsDataUrl } from "@/lib/api-client/use-analyses";
import { Button } from "@/components/ui/button";
import { kindLabels, type VariantKind } from "./benchmark-view";
import { compareResponseSchema, type CompareAnswer } from "./compare-output";
import { ComparedVariantCard } from "./compared-variant-card";

const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
const kinds: VariantKind[] = ["full_precision", "quantized", "pruned"];

async function compare(body: CompareModelsBody): Promise<CompareAnswer> {
  try {
    const answer = await compareModels(body);
    const parsed = compareResponseSchema.safeParse(answer);
    if (!parsed.success)
      throw { title: "Unexpected answer", detail: "The server's answer did not have the expected shape. Reload the page and try again." } satisfies ProblemLike;
    return parsed.data;
  } catch (error) {
    const problem = error as ProblemLike;
    if (problem.status === 404)
      throw { ...problem, title: "Comparing is not available", detail: "This instance does not offer POST /api/v1/compare/models yet." } satisfies ProblemLike;
    if (problem.status === 401)
      throw {
        ...problem,
        title: "Continue as a guest or sign in",
        detail: "Comparing runs the models on this server for you, so it needs a session: a guest one is enough (no sign-up).",
      } satisfies ProblemLike;
    throw problem;
  }
}

/** Drop an image and see every variant of a family answer it side by side. */
export function CompareVariants({ families }: { families: string[] }) {
  const [file, setFile] = useState<File | null>(null);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const [family, setFamily] = useState("");
  const [selected, setSelected] = useState<VariantKind[]>(kinds);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ProblemLike | null>(null);
  const [answer, setAnswer] = useState<{ result: CompareAnswer; imageUrl: string } | null>(null);
  const familyId = useId();

  useEffect(() => () => void (imageUrl && URL.revokeObjectURL(imageUrl)), [imageUrl]);

  const chooseFile = useCallback((chosen: File) => {
    setAnswer(null);
    if (chosen.size > MAX_UPLOAD_BYTES) {
      setProblem({ title: "File too large", detail: `The file is ${(chosen.size / 1048576).toFixed(1)} MB; the limit is 15 MB.` });
      return;
    }
    setProblem(null);
    setFile(chosen);
    setImageUrl(URL.createObjectURL(chosen));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !imageUrl) return setProblem({ title: "No image yet", detail: "Choose, drop or paste an image first." });
    if (selected.length === 0) return setProblem({ title: "No variant chosen", detail: "Tick at least one of fp32, int8 or pruned." });
    setProblem(null);
    setPending(true);
    try {
      const image = await readAsDataUrl(file);
      const result = await compare({ image, models: selected, ...(family ? { model: family } : {}) });
      setAnswer({ result, imageUrl });
    } catch (error) {
      setAnswer(null);
      setProblem(error instanceof Error ? { title: "Could not read the file", detail: error.message } : (error as ProblemLike));
    } finally {
      setPending(false);
    }
  };

  const toggle = (kind: VariantKind) =>
    setSelected((now) => (now.includes(kind) ? now.filter((k) => k !== kind) : kinds.filter((k) => k === kind || now.includes(k))));

  return (
    <div className="space-y-4" data-testid="compare">
      <form onSubmit={submit} className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <DropZone
          onFile={chooseFile}
          testId="compare-drop-zone"
          label="Drop an image here, or click to choose one"
          hint="JPEG, PNG, WebP, GIF, TIFF, AVIF or BMP up to 15 MB — you can also paste one."
        />
        <div className="space-y-3">
          {file && (
            <p className="text-sm text-slate-600" data-testid="compare-chosen-file">
              Selected: <span className="font-medium">{file.name}</span> ({(file.size / 1024).toFixed(0)} KiB)
            </p>
          )}
          <div>
            <label htmlFor={familyId} className="block text-sm font-medium text-slate-800">
              Model family
            </label>
            <select
              id={familyId}
              value={family}
              onChange={(e) => setFamily(e.target.value)}
              className="mt-1 w-full rounded-lg border border-slate-300 bg-white p-2 text-sm"
              data-testid="compare-family"
            >
              <option value="">Object detection (chosen by the server)</option>
              {families.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Variants</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              {kinds.map((kind) => (
                <label key={kind} className="flex items-center gap-2">
                  <input type="checkbox" checked={selected.includes(kind)} onChange={() => toggle(kind)} className="h-4 w-4" />
                  {kindLabels[kind]}
                </label>
              ))}
            </div>
          </fieldset>
          <Button type="submit" disabled={pending} data-testid="compare-button">
            {pending ? "Running every variant…" : "Compare"}
          </Button>
          {pending && (
            <p role="status" className="text-sm text-slate-600">
              Running the image through each variant one after the other; the first comparison after a restart also loads the models.
            </p>
          )}
          {problem && <ProblemMessage problem={problem} />}
          {problem?.status === 401 && (
            <p className="text-sm">
              <a className="text-brand-700 underline" href="/api/auth/guest?redirectUrl=/benchmarks" data-testid="continue-as-guest">
                Continue as a guest
              </a>{" "}
              or{" "}
              <a className="text-brand-700 underline" href="/signin?redirectTo=/benchmarks">
                sign in
              </a>
              , then compare again.
            </p>
          )}
        </div>
      </form>
      {answer && (
        <div className="space-y-3" data-testid="compare-results">
          <p className="text-sm text-slate-600">
            <code>{answer.result.family}</code> ({answer.result.task}): latency is the time each variant took on this image on this server, including pre- and
            post-processing; agreement is measured against the fp32 answer to the same image. Whole comparison: {Math.round(answer.result.processing_time_ms)}{" "}
            ms. The first comparison after a restart also includes loading each variant: compare again for steady latencies.
          </p>
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {answer.result.variants.map((variant, i) => (
              <ComparedVariantCard key={variant.available ? variant.model_id : `${variant.variant}-${i}`} variant={variant} imageUrl={answer.imageUrl} />
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
