import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMetrics } from "./registry";

// The Grafana dashboard shipped in deploy/grafana must only query metrics this app exposes: a renamed
// metric (or a typo in a panel) fails here rather than as an empty panel in production.

interface Target {
  expr: string;
  refId: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type: string; uid: string };
  targets: Target[];
}

const dashboard = JSON.parse(readFileSync(path.resolve("deploy/grafana/insight-engine.json"), "utf8")) as {
  uid: string;
  title: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown; definition?: string }[] };
};

const PROMQL_WORDS = new Set([
  "sum",
  "max",
  "min",
  "avg",
  "count",
  "rate",
  "irate",
  "increase",
  "histogram_quantile",
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "and",
  "or",
  "unless",
  "offset",
  "topk",
  "bottomk",
  "label_values",
  "clamp_min",
  "abs",
]);

/** The metric names a PromQL expression selects (strings, label matchers, groupings and ranges removed). */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, " ");
  const words = bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(words.filter((word) => !PROMQL_WORDS.has(word) && !/^\d/.test(word)))];
}

async function exposedSeriesNames(): Promise<Set<string>> {
  const metrics = await createMetrics().registry.getMetricsAsJSON();
  const names = new Set<string>();
  for (const metric of metrics) {
    names.add(metric.name);
    if (String(metric.type) === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(metric.name + suffix);
  }
  return names;
}

describe("deploy/grafana/insight-engine.json", () => {
  it("is a Grafana dashboard model with a Prometheus data-source variable every panel uses", () => {
    expect(dashboard.uid).toBe("insight-engine");
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(30);
    const variable = dashboard.templating.list.find((v) => v.type === "datasource");
    expect(variable).toMatchObject({ name: "datasource", query: "prometheus" });
    const ids = new Set<number>();
    for (const panel of dashboard.panels) {
      expect(ids.has(panel.id), `duplicate panel id ${panel.id}`).toBe(false);
      ids.add(panel.id);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template literal
      expect(panel.datasource).toEqual({ type: "prometheus", uid: "${datasource}" });
      expect(panel.gridPos.w).toBeGreaterThan(0);
      expect(panel.targets.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets) expect(target.expr.trim(), panel.title).not.toBe("");
    }
  });

  it("queries only metrics the registry exposes, and shows every metric of the app's own", async () => {
    const exposed = await exposedSeriesNames();
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      for (const target of panel.targets) {
        const names = metricNamesIn(target.expr);
        expect(names.length, `${panel.title}: ${target.expr}`).toBeGreaterThan(0);
        for (const name of names) {
          expect(exposed.has(name), `${panel.title} queries ${name}, which /api/metrics does not expose`).toBe(true);
          used.add(name.replace(/_(bucket|sum|count)$/, ""));
        }
      }
    }
    for (const variable of dashboard.templating.list) {
      if (variable.definition) for (const name of metricNamesIn(variable.definition).filter((n) => n !== "job")) expect(exposed.has(name), name).toBe(true);
    }
    const own = (await createMetrics({ defaultMetrics: false }).registry.getMetricsAsJSON()).map((m) => m.name);
    for (const name of own) expect(used.has(name), `no panel shows ${name}`).toBe(true);
    const panelTitles = dashboard.panels.map((p) => p.title.toLowerCase()).join(" | ");
    for (const topic of ["request rate", "error rate", "latency", "inference", "queue depth", "job outcomes", "rate-limit", "event-loop", "memory"]) {
      expect(panelTitles).toContain(topic);
    }
  });

  it("the name reader finds metrics and skips functions, labels and strings", () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le, route) (rate(insight_x_bucket{job=~"a_b",status="5.."}[5m])))')).toEqual(["insight_x_bucket"]);
    expect(metricNamesIn("sum(rate(a_total[1m])) / sum(rate(b_total[1m]))")).toEqual(["a_total", "b_total"]);
  });
});
