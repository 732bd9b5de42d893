/**
 * A strict reader of the Prometheus text exposition format (0.0.4), for tests: every line must be a
 * HELP or TYPE comment, a blank line or a sample `name{label="value",...} value [timestamp]`, every
 * sample must belong to a family announced by TYPE (histograms by their _bucket/_sum/_count series),
 * label values must be properly escaped, and a histogram's buckets must be cumulative and end at +Inf
 * equal to _count. Anything else throws with the line number.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  help?: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SUFFIXES: Record<Family["type"], string[]> = {
  counter: [""],
  gauge: [""],
  untyped: [""],
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

function parseValue(text: string, where: string): number {
  // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
  if (/^[+]?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`${where}: bad value "${text}"`);
  return Number(text);
}

function parseLabels(text: string, where: string): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let i = 1; // after "{"
  for (;;) {
    if (text[i] === "}") return { labels, rest: text.slice(i + 1) };
    const eq = text.indexOf("=", i);
    const name = text.slice(i, eq);
    if (eq < 0 || !LABEL_NAME.test(name)) throw new Error(`${where}: bad label name "${name}"`);
    if (name in labels) throw new Error(`${where}: label ${name} given twice`);
    if (text[eq + 1] !== '"') throw new Error(`${where}: label ${name} value not quoted`);
    let value = "";
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === "\n") throw new Error(`${where}: raw newline in a label value`);
      if (text[j] !== "\\") value += text[j];
      else {
        const escaped = text[++j];
        if (escaped === "n") value += "\n";
        else if (escaped === "\\" || escaped === '"') value += escaped;
        else throw new Error(`${where}: bad escape \\${escaped}`);
      }
    }
    if (j >= text.length) throw new Error(`${where}: unterminated label value`);
    labels[name] = value;
    i = j + 1;
    if (text[i] === ",") i++;
    else if (text[i] !== "}") throw new Error(`${where}: expected , or } after label ${name}`);
  }
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  text
    .slice(0, -1)
    .split("\n")
    .forEach((line, index) => {
      const where = `line ${index + 1}`;
      if (line === "") return;
      const comment = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (comment) {
        const [, kind, name, rest] = comment;
        if (!NAME.test(name)) throw new Error(`${where}: bad metric name ${name}`);
        const family = families.get(name) ?? { name, type: "untyped" as const, samples: [] };
        if (kind === "TYPE") {
          if (!(rest in SUFFIXES)) throw new Error(`${where}: unknown type ${rest}`);
          if (family.samples.length) throw new Error(`${where}: TYPE after samples of ${name}`);
          family.type = rest as Family["type"];
        } else family.help = rest;
        families.set(name, family);
        return;
      }
      if (line.startsWith("#")) return; // other comments are allowed
      const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
      if (!nameMatch) throw new Error(`${where}: not a sample: ${line}`);
      const name = nameMatch[0];
      let rest = line.slice(name.length);
      let labels: Record<string, string> = {};
      if (rest.startsWith("{")) ({ labels, rest } = parseLabels(rest, where));
      const fields = rest.trim().split(/ +/);
      if (!rest.startsWith(" ") || fields.length < 1 || fields.length > 2) throw new Error(`${where}: expected " value [timestamp]" after ${name}`);
      const value = parseValue(fields[0], where);
      if (fields[1] !== undefined && !/^-?\d+$/.test(fields[1])) throw new Error(`${where}: bad timestamp`);
      const family = [...families.values()].find((f) => SUFFIXES[f.type].some((suffix) => f.name + suffix === name));
      if (!family) throw new Error(`${where}: sample ${name} belongs to no TYPE-d family`);
      family.samples.push({ name, labels, value });
    });
  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

function checkHistogram(family: Family): void {
  const series = new Map<string, Sample[]>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    if (sample.name.endsWith("_bucket")) {
      if (le === undefined) throw new Error(`${family.name}: bucket without le`);
      series.set(key, [...(series.get(key) ?? []), sample]);
    }
  }
  for (const [key, buckets] of series) {
    const count = family.samples.find((s) => s.name === `${family.name}_count` && JSON.stringify(Object.entries(s.labels).sort()) === key);
    if (buckets.at(-1)?.labels.le !== "+Inf") throw new Error(`${family.name}${key}: last bucket is not +Inf`);
    buckets.reduce((previous, b) => {
      if (b.value < previous) throw new Error(`${family.name}${key}: buckets are not cumulative`);
      return b.value;
    }, 0);
    if (!count || count.value !== buckets.at(-1)!.value) throw new Error(`${family.name}${key}: _count differs from the +Inf bucket`);
  }
}

/** The value of one sample (a family's series with exactly these labels), or undefined. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string>): number | undefined {
  for (const family of families.values()) {
    const hit = family.samples.find(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length,
    );
    if (hit) return hit.value;
  }
  return undefined;
}
