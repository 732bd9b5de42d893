"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { ProblemMessage } from "@/components/problem-message";
import { Button } from "@/components/ui/button";
import { FieldLabel, TextArea } from "@/components/ui/text-field";
import type { ProblemLike } from "@/lib/api-client/problem";
import type { AssistantMessage } from "@/lib/assistant/assistant-tools";
import { attachmentIdsOf, MessageView } from "./message-view";

const examples = ["What is in this picture?", "Read this receipt: what is the total and the date?", "Which language is “Dzień dobry, jak się masz?”"];

/** A failed request's problem document (the route answers problem+json), or the error's words. */
function problemOf(error: Error): ProblemLike {
  try {
    const parsed = JSON.parse(error.message) as ProblemLike;
    if (parsed && typeof parsed === "object" && (parsed.title || parsed.detail)) return parsed;
  } catch {
    // Not a problem document: a stream error's message.
  }
  return { title: "The assistant could not answer", detail: error.message };
}

export function AssistantChat({ model }: { model: string }) {
  const transport = useMemo(() => new DefaultChatTransport<AssistantMessage>({ api: "/api/v1/assistant/chat" }), []);
  const { messages, sendMessage, status, error, stop } = useChat<AssistantMessage>({ transport });
  const [text, setText] = useState("");
  const [files, setFiles] = useState<FileList | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = status === "submitted" || status === "streaming";
  const attachmentIds = attachmentIdsOf(messages);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || busy) return;
    void sendMessage({ text, files });
    setText("");
    setFiles(undefined);
    if (fileInput.current) fileInput.current.value = "";
  };

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Model: <code data-testid="assistant-model">{model}</code>. Each message counts against your rate limit, and each tool call counts one more.
      </p>
      {messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          Nothing asked yet. Attach an image or a document page and ask about it, or try: {examples.map((e) => `“${e}”`).join(" · ")}
        </p>
      ) : (
        <ol role="log" aria-live="polite" aria-label="Conversation" data-testid="conversation" className="space-y-3">
          {messages.map((message) => (
            <MessageView key={message.id} message={message} attachmentIds={attachmentIds} />
          ))}
        </ol>
      )}
      {status === "submitted" && (
        <p role="status" className="text-sm text-slate-600">
          Waiting for the model…
        </p>
      )}
      {error && <ProblemMessage problem={problemOf(error)} />}
      <form onSubmit={submit} className="space-y-3">
        <FieldLabel htmlFor="assistant-input">Message</FieldLabel>
        <TextArea
          id="assistant-input"
          data-testid="assistant-input"
          rows={3}
          maxLength={5_000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) submit(event);
          }}
          placeholder="Ask about your uploads, your history, or any text (Enter sends, Shift+Enter for a new line)"
          className="p-3"
        />
        <div className="flex flex-wrap items-center gap-3">
          <FieldLabel htmlFor="assistant-files" className="text-slate-700">
            Attach images or pages:
          </FieldLabel>
          <input
            id="assistant-files"
            data-testid="assistant-files"
            ref={fileInput}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif,image/tiff,image/avif,image/bmp"
            onChange={(event) => setFiles(event.target.files ?? undefined)}
            className="text-sm text-slate-700 file:mr-3 file:rounded-lg file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          />
          <Button type="submit" data-testid="assistant-send" disabled={busy || !text.trim()}>
            {busy ? "Answering…" : "Send"}
          </Button>
          {busy && (
            <Button type="button" variant="secondary" onClick={() => void stop()}>
              Stop
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}
