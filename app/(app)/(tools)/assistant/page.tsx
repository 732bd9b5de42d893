import type { Metadata } from "next";
import { connection } from "next/server";
import { AssistantChat } from "@/components/assistant/assistant-chat";
import { AssistantUnavailable } from "@/components/assistant/assistant-unavailable";
import { assistantStatus } from "@/lib/assistant/assistant-config";

export const metadata: Metadata = { title: "Assistant" };

export default async function AssistantPage() {
  // The language model is configured at run time (env), never at build time.
  await connection();
  const status = assistantStatus();
  return (
    <div className="space-y-6">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold">Assistant</h1>
        <p className="text-slate-600">
          Ask in plain words and attach images or document pages: a language model answers by calling this app&apos;s own tools — image labels and objects, OCR
          with key fields, language identification, safety checks, model variants side by side, batch jobs and your history. Every tool call and its result is
          shown, and every result is checked for instructions planted in your uploads. The same conversation is available at{" "}
          <code>POST /api/v1/assistant/chat</code>.
        </p>
      </header>
      {status.available ? <AssistantChat model={status.model} /> : <AssistantUnavailable reason={status.reason} />}
    </div>
  );
}
