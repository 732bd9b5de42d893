import { useState, type FormEvent } from "react";
import { ProblemMessage, type ProblemLike } from "@/components/problem-message";
import { Button } from "@/components/ui/button";
import type { DocumentAnswerView } from "@/lib/api-client/analysis-types";
import { TextInput } from "@/components/ui/text-field";
import { formatPercent } from "@/lib/format";

const MAX_QUERY_CHARACTERS = 500;

/** Ask a question about the page; shows the extractive answer and the ranked passages behind it. */
export function QuestionPanel({
  onAsk,
  pending,
  answer,
  problem,
  onActivate,
}: {
  onAsk: (query: string) => void;
  pending: boolean;
  answer: DocumentAnswerView | null;
  problem: ProblemLike | null;
  onActivate: (index: number | null) => void;
}) {
  const [query, setQuery] = useState("");
  const [localProblem, setLocalProblem] = useState<ProblemLike | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!query.trim()) return setLocalProblem({ title: "No question yet", detail: "Type a question about the page, e.g. “What is the total?”" });
    setLocalProblem(null);
    onAsk(query.trim());
  };
  const shown = localProblem ?? problem;
  return (
    <div className="space-y-3">
      <form onSubmit={submit} className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="document-question" className="sr-only">
          Question about the page
        </label>
        <TextInput
          id="document-question"
          data-testid="question-input"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          maxLength={MAX_QUERY_CHARACTERS}
          placeholder="e.g. What is the total? When was this issued?"
          className="min-w-0 flex-1"
        />
        <Button type="submit" disabled={pending} data-testid="ask-button">
          {pending ? "Searching…" : "Ask"}
        </Button>
      </form>
      {pending && (
        <p role="status" className="text-sm text-slate-600">
          Reading the page again and ranking its lines by words and meaning…
        </p>
      )}
      {shown && <ProblemMessage problem={shown} />}
      {answer && !pending && (
        <div className="space-y-3" data-testid="answer">
          <div className="rounded-lg border border-amber-200 bg-amber-50 p-3">
            <p className="text-xs uppercase tracking-wide text-amber-800">Answer</p>
            <p className="mt-1 text-lg font-semibold text-slate-900" data-testid="answer-text">
              {answer.text || "Nothing on the page matches the question."}
            </p>
            {answer.field && (
              <p className="mt-1 text-xs text-slate-600">
                From the {answer.field.kind.replace("_", " ")} read in line {answer.field.line_index + 1}: “{answer.field.row_text}”
              </p>
            )}
          </div>
          {answer.passages.length > 0 && (
            <ol className="space-y-1 text-sm" data-testid="passages" aria-label="Lines ranked by relevance">
              {answer.passages.map((passage) => (
                <li
                  key={passage.row}
                  className="flex items-baseline justify-between gap-3 rounded px-1 hover:bg-slate-50"
                  onMouseEnter={() => onActivate(passage.line_indices[0] ?? null)}
                  onMouseLeave={() => onActivate(null)}
                >
                  <span className="font-mono">{passage.text}</span>
                  <span className="shrink-0 tabular-nums text-xs text-slate-500" title="combined · words (BM25) · meaning (embeddings)">
                    {formatPercent(passage.score)} · {formatPercent(passage.lexical_score)} · {formatPercent(passage.semantic_score)}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <p className="text-xs text-slate-500">
            Scores: combined · words (BM25, best line = 100%) · meaning (sentence-embedding cosine).
            {!answer.semantic.available && ` ${answer.semantic.reason}`}
          </p>
        </div>
      )}
    </div>
  );
}
