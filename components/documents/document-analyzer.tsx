"use client";

import { useCallback, useEffect, useState } from "react";
import { DropZone } from "@/components/drop-zone";
import { ProblemMessage } from "@/components/problem-message";
import type { ProblemLike } from "@/lib/api-client/problem";
import { useAnalyzeDocument } from "@/lib/api-client/use-analyses";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { ExtractedText } from "./extracted-text";
import { KeyFieldsTable } from "./key-fields-table";
import { PageOverlay } from "./page-overlay";
import { QuestionPanel } from "./question-panel";
import { StageTimings } from "./stage-timings";

const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** Upload a page, see its lines on the image, its text, key fields and language, and ask questions about it. */
export function DocumentAnalyzer() {
  const [file, setFile] = useState<File | null>(null);
  const [previewUrl, setPreviewUrl] = useState<string | null>(null);
  const [localProblem, setLocalProblem] = useState<ProblemLike | null>(null);
  const [activeLine, setActiveLine] = useState<number | null>(null);
  const analysis = useAnalyzeDocument();
  const question = useAnalyzeDocument();

  useEffect(() => () => void (previewUrl && URL.revokeObjectURL(previewUrl)), [previewUrl]);

  const chooseFile = useCallback(
    (chosen: File) => {
      analysis.reset();
      question.reset();
      if (chosen.size > MAX_UPLOAD_BYTES) {
        setLocalProblem({
          title: "File too large",
          detail: `The file is ${(chosen.size / 1048576).toFixed(1)} MB; the limit is 15 MB. Scan at 300 dpi or less.`,
        });
        return;
      }
      setLocalProblem(null);
      setFile(chosen);
      setPreviewUrl(URL.createObjectURL(chosen));
      analysis.mutate({ file: chosen });
    },
    [analysis, question],
  );

  // The answered request carries a fresh reading of the page too; the newest one is shown.
  const result = question.data ?? analysis.data;
  const answer = question.data?.answer ?? null;
  const highlighted = answer?.field ? [answer.field.line_index] : (answer?.passages[0]?.line_indices ?? []);
  return (
    <div className="space-y-6">
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <DropZone
          onFile={chooseFile}
          testId="document-drop-zone"
          label="Drop a page here, or click to choose one"
          hint="A scan or photo of a document, receipt or letter: JPEG, PNG, WebP, TIFF, GIF, AVIF or BMP up to 15 MB. Pasting works too."
        />
        <Card className="text-sm text-slate-600">
          <p>
            PP-OCRv4 finds each text line, turns sideways or upside-down pages, and reads the lines in reading order. Dates, amounts, the total, contact
            details, IBANs and document numbers are pulled out with the line they came from.
          </p>
          {file && (
            <p className="mt-2" data-testid="chosen-file">
              Page: <span className="font-medium text-slate-800">{file.name}</span> ({(file.size / 1024).toFixed(0)} KiB)
            </p>
          )}
        </Card>
      </div>

      {analysis.isPending && (
        <p role="status" className="text-sm text-slate-600" data-testid="analysis-progress">
          Detecting text lines, checking the page orientation, recognising each line and extracting key fields… (a receipt takes a few seconds; the first page
          after a restart also loads the models)
        </p>
      )}
      {(localProblem ?? analysis.error) && <ProblemMessage problem={(localProblem ?? analysis.error)!} />}

      {result && previewUrl ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]" data-testid="document-result">
          <div className="space-y-4">
            <PageOverlay
              src={previewUrl}
              width={result.image.width}
              height={result.image.height}
              lines={result.lines}
              highlighted={highlighted}
              active={activeLine}
            />
            <p className="text-xs text-slate-500">
              {result.lines.length} lines · {result.image.width}×{result.image.height} px {result.image.format}
              {result.page_rotation_degrees !== 0 && ` · read after turning the page ${result.page_rotation_degrees}° clockwise`}
            </p>
          </div>
          <div className="space-y-4">
            {result.warnings.length > 0 && (
              <ul role="status" data-testid="warnings" className="space-y-1 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
                {result.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
            <Card>
              <CardTitle>Ask about the page</CardTitle>
              <div className="mt-3">
                <QuestionPanel
                  onAsk={(query) => file && question.mutate({ file, query })}
                  pending={question.isPending}
                  answer={answer}
                  problem={question.error}
                  onActivate={setActiveLine}
                />
              </div>
            </Card>
            <Card>
              <CardTitle>Key fields</CardTitle>
              <div className="mt-3">
                <KeyFieldsTable keyFields={result.key_fields} onActivate={setActiveLine} />
              </div>
            </Card>
            <Card>
              <CardTitle>Text in reading order</CardTitle>
              <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="document-language">
                {result.language.available ? (
                  <>
                    <span>
                      Language: <span className="font-medium text-slate-800">{result.language.name ?? result.language.language}</span>
                    </span>
                    {result.language.reliable ? <Badge tone="good">reliable</Badge> : <Badge tone="warn">not reliable</Badge>}
                    {new Set(result.language.segments.map((s) => s.language)).size > 1 && (
                      <span>segments: {[...new Set(result.language.segments.map((s) => s.name ?? s.language))].join(", ")}</span>
                    )}
                  </>
                ) : (
                  <span>Language: {result.language.reason}</span>
                )}
              </div>
              <div className="mt-3">
                <ExtractedText lines={result.lines} onActivate={setActiveLine} />
              </div>
            </Card>
            <Card>
              <CardTitle>Timings</CardTitle>
              <div className="mt-3 space-y-2">
                <StageTimings result={result} />
                <p className="text-xs text-slate-500">
                  Models: {result.models.detection.id}, {result.models.direction.id}, {result.models.recognition.id}
                  {result.models.embedding && `, ${result.models.embedding.id}`}
                </p>
              </div>
            </Card>
          </div>
        </div>
      ) : (
        !analysis.isPending && (
          <Card className="text-center text-slate-500">
            <p>Choose a page to read. Its lines, text, key fields and a question box appear here.</p>
          </Card>
        )
      )}
    </div>
  );
}
