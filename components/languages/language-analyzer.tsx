"use client";

import { useState, type FormEvent } from "react";
import { ProblemMessage } from "@/components/problem-message";
import type { ProblemLike } from "@/lib/api-client/problem";
import { useAnalyzeMultilingual } from "@/lib/api-client/use-analyses";
import { Button } from "@/components/ui/button";
import { OverallLanguage } from "./overall-language";
import { SegmentView } from "./segment-view";
import { TextStats } from "./text-stats";
import { FieldLabel, TextArea } from "@/components/ui/text-field";

const MAX_CHARACTERS = 100_000;

const examples: { label: string; text: string }[] = [
  {
    label: "German and English",
    text: "Ich habe heute leider keine Zeit, weil ich noch arbeiten muss. But I can call you tomorrow morning if that works for you.",
  },
  { label: "Japanese, Russian, Greek", text: "東京は日本の首都です。 Москва — столица России. Η Αθήνα είναι η πρωτεύουσα της Ελλάδας." },
  { label: "Thai", text: "ผมชอบกินข้าวผัดกับต้มยำกุ้งมาก" },
  { label: "Too short", text: "ok" },
];

export function LanguageAnalyzer() {
  const [text, setText] = useState("");
  const [localProblem, setLocalProblem] = useState<ProblemLike | null>(null);
  const analysis = useAnalyzeMultilingual();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setLocalProblem({ title: "No text yet", detail: "Paste or type some text first, or pick an example." });
    setLocalProblem(null);
    analysis.mutate(text);
  };

  const result = analysis.data;
  const problem = localProblem ?? analysis.error;
  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="space-y-3">
        <FieldLabel htmlFor="language-text">Text to analyse</FieldLabel>
        <TextArea
          id="language-text"
          data-testid="language-input"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={6}
          maxLength={MAX_CHARACTERS}
          aria-describedby="language-text-help"
          placeholder="Paste text in any language — several languages in one text are fine."
          className="p-3"
        />
        <div id="language-text-help" className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
          <span>
            {text.length.toLocaleString("en")} / {MAX_CHARACTERS.toLocaleString("en")} characters
          </span>
          <span className="flex flex-wrap gap-2">
            Examples:
            {examples.map((example) => (
              <button
                key={example.label}
                type="button"
                className="text-brand-700 underline hover:text-brand-600"
                onClick={() => {
                  setText(example.text);
                  analysis.reset();
                }}
              >
                {example.label}
              </button>
            ))}
          </span>
        </div>
        <Button type="submit" data-testid="analyze-button" disabled={analysis.isPending} className="w-full sm:w-auto">
          {analysis.isPending ? "Identifying…" : "Identify languages"}
        </Button>
      </form>

      {analysis.isPending && (
        <p role="status" className="text-sm text-slate-600">
          Running CLD3 and fastText on each segment…
        </p>
      )}
      {problem && <ProblemMessage problem={problem} />}
      {result && !analysis.isPending && (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]" data-testid="language-result">
          <div className="space-y-6">
            <OverallLanguage result={result} />
            {result.segments.length > 0 && <SegmentView segments={result.segments} />}
          </div>
          <TextStats statistics={result.statistics} names={new Map(result.languages.map((l) => [l.language, l.name]))} />
        </div>
      )}
    </div>
  );
}
