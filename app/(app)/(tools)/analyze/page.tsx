import type { Metadata } from "next";
import { ImageTextAnalyzer } from "@/components/analyze/image-text-analyzer";

export const metadata: Metadata = { title: "Analyze images" };

export default function AnalyzePage() {
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Analyze an image and a text</h1>
        <p className="text-slate-600">
          MobileNetV2 labels the picture, YOLOX-Nano finds objects, and your text is checked against what they saw — word by word, with the reason for each
          verdict. The same analysis is available at <code>POST /api/v1/analyze/image-text</code>.
        </p>
      </header>
      <ImageTextAnalyzer />
    </div>
  );
}
