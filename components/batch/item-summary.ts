/** One line that says what an item's answer was, per task, for the batch table. */
export function itemSummary(task: string, result: unknown): string {
  // biome-ignore lint/suspicious/noExplicitAny: a stored result of any of four tasks, narrowed field by field below
  const r = result as Record<string, any> | null;
  if (!r) return "";
  switch (task) {
    case "multilingual":
      return r.language ? `${r.language.name ?? r.language.language} (${Math.round((r.language.confidence ?? 0) * 100)}%)` : "no language";
    case "document": {
      const lines = Array.isArray(r.lines) ? r.lines.length : 0;
      const total = r.key_fields?.total?.value;
      return `${lines} line${lines === 1 ? "" : "s"}${total ? ` · total ${total}` : ""}${r.answer?.text ? ` · answer: ${String(r.answer.text).slice(0, 60)}` : ""}`;
    }
    case "image-text": {
      const label = r.labels?.available ? r.labels.top?.[0]?.label : undefined;
      const objects = r.objects?.available ? r.objects.items?.length : undefined;
      return [
        label && `label: ${label}`,
        objects !== undefined && `${objects} object${objects === 1 ? "" : "s"}`,
        r.relation?.verdict && `caption ${String(r.relation.verdict).replace(/_/g, " ")}`,
      ]
        .filter(Boolean)
        .join(" · ");
    }
    case "safety":
      return `${r.verdict ?? ""}${typeof r.safety_score === "number" ? ` (score ${r.safety_score.toFixed(2)})` : ""}`;
    default:
      return "";
  }
}
