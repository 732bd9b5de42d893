"use client";

import { useCallback, useEffect, useState, type FormEvent } from "react";
import { DropZone } from "@/components/drop-zone";
import { ProblemMessage } from "@/components/problem-message";
import type { ProblemLike } from "@/lib/api-client/problem";
import { useAnalyzeImageText } from "@/lib/api-client/use-analyses";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { ConfidenceBars } from "./confidence-bars";
import { DetectionOverlay } from "./detection-overlay";
import { ImageFactsView } from "./image-facts-view";
import { RelationView } from "./relation-view";
import { TimingsTable } from "./timings-table";
import { FieldLabel, TextArea } from "@/components/ui/text-field";

const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

export function ImageTextAnalyzer() {
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [localProblem, setLocalProblem] = useState<ProblemLike | null>(null);

  const analysis = useAnalyzeImageText();

  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  const chooseFile = useCallback(
    (chosen: File) => {
      analysis.reset();
      if (chosen.size > MAX_UPLOAD_BYTES) {
        setLocalProblem({ title: "File too large", detail: `The file is ${(chosen.size / 1048576).toFixed(1)} MB; the limit is 15 MB.` });
        return;
      }
      setLocalProblem(null);
      setFile(chosen);
      setPreviewUrl(URL.createObjectURL(chosen));
    },
    [analysis],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setLocalProblem({ title: "No image yet", detail: "Choose, drop or paste an image first." });
    if (!text.trim()) return setLocalProblem({ title: "No text yet", detail: "Write the caption or claim to check against the image." });
    setLocalProblem(null);
    analysis.mutate({ file, text });
  };

  const result = analysis.data;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
      <form onSubmit={submit} className="space-y-4" aria-describedby="analyze-help">
        <DropZone
          onFile={chooseFile}
          label="Drop an image here, or click to choose one"
          hint="JPEG, PNG, WebP, GIF, TIFF, AVIF or BMP up to 15 MB — you can also paste an image."
        />
        {file && (
          <p className="text-sm text-slate-600" data-testid="chosen-file">
            Selected: <span className="font-medium">{file.name}</span> ({(file.size / 1024).toFixed(0)} KiB)
          </p>
        )}
        <div>
          <FieldLabel htmlFor="caption">Text to check against the image</FieldLabel>
          <TextArea
            id="caption"
            data-testid="caption"
            value={text}
            onChange={(event) => setText(event.target.value)}
            rows={3}
            maxLength={5000}
            placeholder="e.g. Two dogs lying on the grass"
            className="mt-1"
          />
        </div>
        <Button type="submit" disabled={analysis.isPending} data-testid="analyze-button">
          {analysis.isPending ? "Analysing…" : "Analyse"}
        </Button>
        {analysis.isPending && (
          <p role="status" className="text-sm text-slate-600">
            Decoding, classifying, detecting objects and relating your text to what the models see…
          </p>
        )}
        <p id="analyze-help" className="text-xs text-slate-500">
          The first analysis after a restart also loads the models and embeds their label vocabulary, which takes a few seconds.
        </p>
        {(localProblem || analysis.error) && <ProblemMessage problem={(localProblem ?? analysis.error)!} />}
        {previewUrl && !result && (
          // eslint-disable-next-line @next/next/no-img-element -- a local object URL preview
          <img src={previewUrl} alt="Preview of the chosen file" className="max-h-80 rounded-lg border border-slate-200" />
        )}
      </form>

      {result && previewUrl ? (
        <div className="space-y-4" data-testid="results">
          <Card>
            <CardTitle>What the models saw</CardTitle>
            <div className="mt-3">
              {result.objects.available ? (
                <DetectionOverlay src={previewUrl} width={result.image.width} height={result.image.height} items={result.objects.items} />
              ) : (
                <p className="text-sm text-amber-700">Object detection unavailable: {result.objects.reason}</p>
              )}
            </div>
          </Card>
          <Card>
            <CardTitle>Text and image</CardTitle>
            <div className="mt-3">
              <RelationView text={text.trim()} relation={result.relation} />
            </div>
          </Card>
          <Card>
            <CardTitle>In a paragraph</CardTitle>
            <p className="mt-3 text-sm text-slate-700" data-testid="analysis-paragraph">
              {result.analysis}
            </p>
            <p className="mt-2 text-xs text-slate-500">
              {result.analysis_details.written_by === "template"
                ? "Composed from the model outputs above by a fixed template, not by a language model."
                : `Written by the language model ${result.analysis_details.model} from the model outputs above.`}
              {result.confidence !== null && ` Confidence ${Math.round(result.confidence * 100)}% (mean of the top label, best object and OCR confidences).`}
            </p>
          </Card>
          <div className="grid gap-4 md:grid-cols-2">
            <Card>
              <CardTitle>Top labels (ImageNet)</CardTitle>
              <div className="mt-3">
                {result.labels.available ? (
                  <ConfidenceBars testId="labels" items={result.labels.top.map((l) => ({ label: l.label.split(",")[0], value: l.probability }))} />
                ) : (
                  <p className="text-sm text-amber-700">Unavailable: {result.labels.reason}</p>
                )}
              </div>
            </Card>
            <Card>
              <CardTitle>Objects (COCO)</CardTitle>
              <div className="mt-3">
                {result.objects.available && result.objects.items.length > 0 ? (
                  <ConfidenceBars testId="objects" items={result.objects.items.map((o, i) => ({ label: `${o.label} #${i + 1}`, value: o.score }))} />
                ) : (
                  <p className="text-sm text-slate-600">{result.objects.available ? "No objects above the detection threshold." : result.objects.reason}</p>
                )}
              </div>
            </Card>
            <Card>
              <CardTitle>Text in the image (OCR)</CardTitle>
              <div className="mt-3 text-sm" data-testid="text-in-image">
                {!result.text_in_image.available ? (
                  <p className="text-amber-700">Unavailable: {result.text_in_image.reason}</p>
                ) : result.text_in_image.lines.length === 0 ? (
                  <p className="text-slate-600">No text found.</p>
                ) : (
                  <ul className="space-y-1">
                    {result.text_in_image.lines.map((line, i) => (
                      <li key={i} className="flex justify-between gap-2">
                        <span className="font-mono">{line.text}</span>
                        <span className="tabular-nums text-slate-500">{Math.round(line.confidence * 100)}%</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </Card>
            <Card>
              <CardTitle>The picture</CardTitle>
              <div className="mt-3">
                <ImageFactsView image={result.image} />
              </div>
            </Card>
            <Card>
              <CardTitle>Timings</CardTitle>
              <div className="mt-3 space-y-2">
                <TimingsTable timings={result.timings} total={result.processing_time_ms} />
                <p className="text-xs text-slate-500">Models: {result.models.map((m) => `${m.id} (${m.variant})`).join(", ")}</p>
                <p className="text-xs text-slate-600" data-testid="safety-summary">
                  Safety:{" "}
                  {result.safety.available
                    ? `${result.safety.verdict} (score ${result.safety.safety_score.toFixed(2)}${result.safety.categories.length ? `; ${result.safety.categories.join(", ")}` : ""})`
                    : `unavailable — ${result.safety.reason}`}
                </p>
              </div>
            </Card>
          </div>
        </div>
      ) : (
        <Card className="flex items-center justify-center text-center text-slate-500">
          <p>Choose an image and write what you think it shows. The results — labels, boxes, and which words the image supports — appear here.</p>
        </Card>
      )}
    </div>
  );
}
