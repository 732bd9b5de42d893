import type { Metadata } from "next";
import { LanguageAnalyzer } from "@/components/languages/language-analyzer";

export const metadata: Metadata = { title: "Languages" };

export default function LanguagesPage() {
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Identify languages</h1>
        <p className="text-slate-600">
          Paste a text and see its language and the language of each sentence, from an ensemble of Google&apos;s CLD3 and fastText lid.176 with Unicode script
          priors, plus word and sentence counts segmented for each language. The same analysis is available at <code>POST /api/v1/analyze/multilingual</code>.
        </p>
      </header>
      <LanguageAnalyzer />
    </div>
  );
}
