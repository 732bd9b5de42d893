import { formatPercent } from "@/lib/format";
/**
 * One line saying what a tool answered, for the collapsed view of its call (the full result is one
 * click away). Reads the results' documented shapes loosely: a summary never breaks the page.
 */

type Loose = Record<string, unknown>;
const asList = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
// A tool's output is unknown JSON: a probability that is not a number shows as missing.
const percent = (p: unknown) => formatPercent(typeof p === "number" ? p : undefined);

export function summarizeToolResult(tool: string, result: Loose | undefined): string {
  if (!result) return "";
  switch (tool) {
    case "analyze_image": {
      const labels = asList(result.labels)
        .slice(0, 3)
        .map((l) => `${l.label} (${percent(l.probability)})`);
      const objects = asList(result.objects).map((o) => String(o.label));
      return `Labels: ${labels.join(", ") || "none"}. Objects: ${objects.length ? [...new Set(objects)].join(", ") : "none found"}.`;
    }
    case "read_document": {
      const keyFields = (result.key_fields ?? {}) as Loose;
      const total = keyFields.total as Loose | null;
      const text = String(result.full_text ?? "").split("\n")[0];
      return `${result.line_count ?? 0} lines read${text ? `, starting "${text.slice(0, 60)}"` : ""}${total ? `; total ${total.value}` : ""}.`;
    }
    case "identify_language": {
      const language = result.language as Loose | null;
      return language
        ? `${language.name ?? language.language} (${percent(language.confidence)})${language.reliable ? "" : ", unreliable"}.`
        : "No language identified.";
    }
    case "check_safety":
      return `Verdict ${result.verdict} (score ${result.safety_score})${asList(result.categories).length ? `: ${(result.categories as string[]).join(", ")}` : ""}.`;
    case "compare_variants":
      return asList(result.variants)
        .map((v) => (v.available === false ? `${v.variant}: unavailable` : `${v.variant} ${v.latency_ms} ms`))
        .join(" · ");
    case "start_batch":
      return `Batch ${String(result.batch_id).slice(0, 8)}… queued with ${result.items} items.`;
    case "read_history":
      return Array.isArray(result.analyses) ? `${result.analyses.length} analyses.` : `Analysis "${result.title}" (${result.kind}).`;
    default:
      return "";
  }
}
