import Link from "next/link";
import { Card, CardTitle } from "@/components/ui/card";

const settings = [
  {
    name: "ASSISTANT_BASE_URL",
    example: "http://127.0.0.1:11434/v1",
    meaning: "An OpenAI-compatible endpoint with tool calls: Ollama, vLLM, llama.cpp's server or a hosted API",
  },
  { name: "ASSISTANT_MODEL", example: "qwen2.5:7b-instruct", meaning: "The model's name at that endpoint (it must support tool calls)" },
  { name: "ASSISTANT_API_KEY", example: "(if the endpoint needs one)", meaning: "Sent only to the endpoint; never logged or shown" },
];

/** What the page shows when no language model is configured: why, and exactly how to enable one. */
export function AssistantUnavailable({ reason }: { reason: string }) {
  return (
    <Card data-testid="assistant-unavailable" className="max-w-3xl space-y-4">
      <CardTitle>The assistant is not enabled on this instance</CardTitle>
      <p className="text-sm text-slate-700">
        {reason} The app has no language model of its own, so it will not pretend to answer: connect one by setting these variables and restarting the app.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Settings that enable the assistant</caption>
          <thead className="text-slate-500">
            <tr>
              <th scope="col" className="py-1 pr-4 font-medium">
                Variable
              </th>
              <th scope="col" className="py-1 pr-4 font-medium">
                Example
              </th>
              <th scope="col" className="py-1 font-medium">
                Meaning
              </th>
            </tr>
          </thead>
          <tbody>
            {settings.map((s) => (
              <tr key={s.name} className="border-t border-slate-100 align-top">
                <td className="py-2 pr-4">
                  <code>{s.name}</code>
                </td>
                <td className="py-2 pr-4">
                  <code>{s.example}</code>
                </td>
                <td className="py-2 text-slate-700">{s.meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <pre className="overflow-x-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100">
        {"ollama pull qwen2.5:7b-instruct\nASSISTANT_BASE_URL=http://127.0.0.1:11434/v1 ASSISTANT_MODEL=qwen2.5:7b-instruct npm start"}
      </pre>
      <p className="text-sm text-slate-600">
        Until then every tool works on its own page:{" "}
        <Link className="text-brand-700 underline" href="/analyze">
          Analyze images
        </Link>
        ,{" "}
        <Link className="text-brand-700 underline" href="/documents">
          Documents
        </Link>
        ,{" "}
        <Link className="text-brand-700 underline" href="/languages">
          Languages
        </Link>
        ,{" "}
        <Link className="text-brand-700 underline" href="/safety">
          Safety
        </Link>
        . <code>GET /api/v1/assistant</code> reports the same status.
      </p>
    </Card>
  );
}
