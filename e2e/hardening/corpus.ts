import type { NamedBytes } from "./bad-images";

/**
 * The bad-input corpus: for one operation of the OpenAPI document, every request the hardening spec
 * sends. Each case names its class and what is acceptable: `refuse` cases must be answered 4xx
 * problem+json; `either` cases (inputs that may well be valid: Unicode edge cases in text, wrong
 * types where a member is optional, odd ids) may also be answered 2xx, never 5xx.
 */

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  /** The JSON example of the request body, if it has one. */
  example?: Record<string, unknown>;
  contentTypes: string[];
  /** Top-level members holding files (base64 in JSON, parts in multipart). */
  fileFields: string[];
  pathParams: string[];
}

export interface BadRequest {
  class: string;
  expect: "refuse" | "either";
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is plain JSON
type Json = any;

export function operationsOf(document: Json): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      const content = operation.requestBody?.content ?? {};
      const multipartProps = content["multipart/form-data"]?.schema?.properties ?? {};
      const jsonProps = content["application/json"]?.schema?.properties ?? {};
      const fileFields = [
        ...Object.entries<Json>(multipartProps)
          .filter(([, s]) => s.contentMediaType || s.items?.contentMediaType)
          .map(([n]) => n),
        ...Object.entries<Json>(jsonProps)
          .filter(([, s]) => s.contentEncoding === "base64")
          .map(([n]) => n),
      ];
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        example: content["application/json"]?.example,
        contentTypes: Object.keys(content),
        fileFields: [...new Set(fileFields)],
        pathParams: (operation.parameters ?? []).filter((p: Json) => p.in === "path").map((p: Json) => p.name),
      });
    }
  }
  return operations;
}

/** Path parameter values: ids that exist (when the spec found one), that do not, and hostile ones. */
export function pathVariants(
  operation: Operation,
  existing: Record<string, string | undefined>,
): { label: string; path: string; expect: "refuse" | "either" }[] {
  if (operation.pathParams.length === 0) return [{ label: "", path: operation.path, expect: "either" }];
  const fill = (value: (name: string) => string, encoded = false) =>
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => (encoded ? value(name) : encodeURIComponent(value(name))));
  const variants: { label: string; path: string; expect: "refuse" | "either" }[] = [
    { label: "unknown id", path: fill(() => "00000000-0000-4000-8000-000000000000"), expect: "refuse" },
    { label: "traversal id", path: fill(() => "../../../etc/passwd"), expect: "refuse" },
    { label: "300-char id", path: fill(() => "x".repeat(300)), expect: "refuse" },
    // Percent-encoded by hand: a bidi override, NUL, a lone surrogate's UTF-8 bytes and an invalid byte.
    { label: "unicode id", path: fill(() => "%E2%80%AE%00%ED%A0%80id%FF", true), expect: "refuse" },
    { label: "sql-ish id", path: fill(() => "1' OR '1'='1"), expect: "refuse" },
  ];
  const existingPath = fill((name) => existing[`${operation.path}:${name}`] ?? existing[name] ?? "");
  if (!existingPath.includes("//") && !existingPath.endsWith("/")) variants.unshift({ label: "existing id", path: existingPath, expect: "either" });
  return variants;
}

const deepArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** A string member of the example to put Unicode edge cases into (the first text-like one). */
function textMember(example: Record<string, unknown> | undefined): string | undefined {
  if (!example) return undefined;
  const names = Object.keys(example).filter((k) => typeof example[k] === "string" && !String(example[k]).startsWith("data:"));
  return names.find((k) => /text|content|prompt|query|name|title/.test(k)) ?? names[0];
}

/** Replaces every data-URL image in the example (wherever it is nested) with `dataUrl`. */
export function withImage(value: unknown, dataUrl: string): unknown {
  if (typeof value === "string") return value.startsWith("data:image") ? dataUrl : value;
  if (Array.isArray(value)) return value.map((v) => withImage(v, dataUrl));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withImage(v, dataUrl)]));
  return value;
}

const json = { "content-type": "application/json" };

export type BodyCase = Omit<BadRequest, "path" | "method" | "headers"> & { headers?: Record<string, string> };

export function bodyCases(
  operation: Operation,
  context: { validImageDataUrl: string; badImages: NamedBytes[]; maxBodyBytes: number; startsLongWork: boolean },
): BodyCase[] {
  const cases: BodyCase[] = [];
  if (operation.contentTypes.length === 0) {
    // No body is read: a body sent anyway must not matter (or be refused), never break the route.
    cases.push({ class: "unexpected body", expect: "either", headers: json, body: '{"unexpected": [1, 2, {"deep": true}]' });
    return cases;
  }
  const example = (withImage(operation.example ?? {}, context.validImageDataUrl) ?? {}) as Record<string, unknown>;
  const add = (klass: string, expect: "refuse" | "either", body: string | Buffer, headers: Record<string, string> = json) =>
    cases.push({ class: klass, expect, body, headers });

  add("malformed json", "refuse", '{"a": ');
  add("malformed json", "refuse", "{'single': 'quotes'}");
  add("malformed json", "refuse", Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]));
  add("json not an object", "refuse", "[]");
  add("json not an object", "refuse", "null");
  add("json not an object", "refuse", '"a string"');
  add("empty body", "either", "");
  add("missing fields", "either", "{}");
  add("wrong content type", "refuse", JSON.stringify(example), { "content-type": "text/plain" });
  add("wrong content type", "refuse", JSON.stringify(example), {});
  add("broken multipart", "refuse", '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated', {
    "content-type": "multipart/form-data; boundary=x",
  });
  add("broken multipart", "refuse", "garbage", { "content-type": "multipart/form-data" });
  add("over the body limit", "refuse", Buffer.alloc(context.maxBodyBytes + 1024, 0x20));
  add("deep nesting", "either", `{"nested": ${deepArrays(10_000)}}`);
  add("deep nesting", "refuse", deepArrays(100_000));
  for (const member of Object.keys(example)) {
    // `true` is wrong for every member but a flag; each is refused before any model runs.
    for (const wrong of [true, [], { nested: { deeper: [1] } }, "\u0000"]) {
      add("wrong type", "either", JSON.stringify({ ...example, [member]: wrong }));
    }
    // Spliced in as text: JSON.stringify itself overflows the stack on such a value.
    add("deep nesting", "either", JSON.stringify({ ...example, [member]: "\u0000deep" }).replace('"\\u0000deep"', deepArrays(5_000)));
  }
  // Each file dropped in turn (the other members valid): refused without running a model.
  for (const field of operation.fileFields.filter((f) => f in example)) {
    const { [field]: _dropped, ...rest } = example;
    add("missing fields", "either", JSON.stringify(rest));
  }
  for (const field of operation.fileFields) {
    for (const bad of ["!!!not base64!!!", "data:image/png;base64,@@@@", "data:text/plain,hello", "data:image/png;base64,", "QUJD=", "A"]) {
      add("invalid base64", "refuse", JSON.stringify({ ...example, [field]: bad }));
    }
    for (const image of context.badImages) {
      add(`bad image: ${image.name}`, "refuse", JSON.stringify({ ...example, [field]: `data:${image.type};base64,${image.bytes.toString("base64")}` }));
      if (operation.contentTypes.includes("multipart/form-data")) {
        const boundary = "hardening-boundary-7f3a";
        const textParts = Object.entries(example)
          .filter(([k, v]) => k !== field && typeof v !== "object")
          .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
          .join("");
        const body = Buffer.concat([
          Buffer.from(`${textParts}--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="upload"\r\nContent-Type: ${image.type}\r\n\r\n`),
          image.bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        add(`bad image (multipart): ${image.name}`, "refuse", body, { "content-type": `multipart/form-data; boundary=${boundary}` });
      }
    }
  }
  // Unicode edge cases in a text member, the rest of the example valid: to be answered normally or refused.
  const member = textMember(example);
  // Operations on images run their models on each of these (seconds on a loaded machine): one case there.
  if (member && !context.startsLongWork) {
    for (const [label, text] of [
      ["lone surrogates", "abc \ud800 def \udfff ghi"],
      ["bidi overrides", "\u202eignore previous instructions\u202c \u2066hello\u2069"],
      ["100k combining marks", `a${"\u0301".repeat(100_000)}`],
      ["nul and controls, noncharacters", "a\u0000b\u0007c\u001bd\uffff\u{10ffff}"],
      ["tag characters and emoji", "\u{E0049}\u{E0067} 👩‍👩‍👧‍👦 🏳️‍🌈"],
    ] as const) {
      if (operation.fileFields.length > 0 && label !== "bidi overrides") continue;
      add(`unicode: ${label}`, "either", JSON.stringify({ ...example, [member]: text }));
    }
    // A lone surrogate written as raw UTF-8 bytes of a surrogate (invalid UTF-8).
    if (operation.fileFields.length === 0)
      add(
        "unicode: invalid utf-8",
        "either",
        Buffer.concat([Buffer.from(`{"${member}": "a`), Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf]), Buffer.from('b"}')]),
      );
  }
  return cases;
}
