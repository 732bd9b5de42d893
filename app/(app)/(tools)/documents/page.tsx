import type { Metadata } from "next";
import { DocumentAnalyzer } from "@/components/documents/document-analyzer";

export const metadata: Metadata = { title: "Documents" };

export default function DocumentsPage() {
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Read a document</h1>
        <p className="text-slate-600">
          Upload a scan or photo of a page: PaddleOCR PP-OCRv4 reads it line by line, key fields such as the date and the total are extracted, and you can ask
          questions that are answered from the page. The same analysis is available at <code>POST /api/v1/analyze/document</code>.
        </p>
      </header>
      <DocumentAnalyzer />
    </div>
  );
}
