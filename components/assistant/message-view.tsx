import { getToolName, isToolUIPart } from "ai";
import { Badge } from "@/components/ui/badge";
import type { AssistantMessage, InputCheck } from "@/lib/assistant/assistant-tools";
import { ToolCallView } from "./tool-call-view";

/** One message of the conversation: the user's words and files, or the model's words and tool calls. */
export function MessageView({ message, attachmentIds }: { message: AssistantMessage; attachmentIds: Map<string, string> }) {
  const mine = message.role === "user";
  return (
    <li data-testid={mine ? "user-message" : "assistant-message"} className={`flex ${mine ? "justify-end" : "justify-start"}`}>
      <div className={`max-w-full space-y-2 rounded-xl p-3 sm:max-w-[85%] ${mine ? "bg-brand-50 text-slate-900" : "border border-slate-200 bg-white"}`}>
        <p className="text-xs font-medium text-slate-500">{mine ? "You" : "Assistant"}</p>
        {message.parts.map((part, i) => {
          const key = `${message.id}-${i}`;
          if (part.type === "text")
            return (
              <p key={key} className="whitespace-pre-wrap text-sm">
                {part.text}
              </p>
            );
          if (part.type === "file")
            return (
              <p key={key} className="text-sm text-slate-700">
                <Badge tone="info">{attachmentIds.get(key) ?? "file"}</Badge> {part.filename ?? part.mediaType}
              </p>
            );
          if (part.type === "data-input-check") return <InputCheckView key={key} check={part.data} />;
          if (isToolUIPart(part)) return <ToolCallView key={key} part={{ ...part, toolName: getToolName(part) }} />;
          return null;
        })}
      </div>
    </li>
  );
}

function InputCheckView({ check }: { check: InputCheck }) {
  if (!check.injection_flagged && check.verdict === "safe") return null;
  return (
    <p role="alert" data-testid="input-check" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
      Your message was flagged by the safety check ({check.categories.join(", ") || check.verdict}); the assistant was told to keep to its rules.
    </p>
  );
}

/** "a1", "a2", … for the files in the order they were attached: the ids the model passes to the tools. */
export function attachmentIdsOf(messages: AssistantMessage[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== "user") continue;
    message.parts.forEach((part, i) => {
      if (part.type === "file") ids.set(`${message.id}-${i}`, `a${ids.size + 1}`);
    });
  }
  return ids;
}
