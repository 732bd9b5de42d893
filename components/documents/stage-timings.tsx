import type { DocumentResult } from "@/lib/api-client/analysis-types";

const stageLabels: Record<keyof DocumentResult["timings_ms"], string> = {
  decode: "decode image",
  detect: "text detection (DBNet)",
  classify: "line direction",
  recognize: "recognition (CTC)",
  ocr_total: "OCR in all",
  key_fields: "key fields",
  language: "language",
  answer: "question (BM25 + embeddings)",
  injection: "injection check (document text)",
};

/** Where the time went, stage by stage, in milliseconds, with a bar against the whole request. */
export function StageTimings({ result }: { result: DocumentResult }) {
  const total = Math.max(result.processing_time_ms, 1);
  const stages = (Object.keys(stageLabels) as (keyof DocumentResult["timings_ms"])[]).filter((stage) => stage !== "answer" || result.answer);
  return (
    <table className="w-full text-sm" data-testid="stage-timings">
      <caption className="sr-only">Time spent in each stage, in milliseconds</caption>
      <tbody>
        {stages.map((stage) => (
          <tr key={stage} className={stage === "ocr_total" ? "text-slate-500" : ""}>
            <th scope="row" className="py-0.5 pr-2 text-left font-normal text-slate-600">
              {stageLabels[stage]}
            </th>
            <td className="w-2/5">
              <div className="h-1.5 rounded bg-brand-100">
                <div className="h-1.5 rounded bg-brand-500" style={{ width: `${Math.min(100, (result.timings_ms[stage] / total) * 100)}%` }} />
              </div>
            </td>
            <td className="py-0.5 pl-2 text-right tabular-nums">{result.timings_ms[stage].toFixed(0)} ms</td>
          </tr>
        ))}
        <tr className="border-t border-slate-200 font-medium">
          <th scope="row" className="pt-1 text-left">
            whole request
          </th>
          <td />
          <td className="pt-1 text-right tabular-nums">{result.processing_time_ms.toFixed(0)} ms</td>
        </tr>
      </tbody>
    </table>
  );
}
