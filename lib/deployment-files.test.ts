import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "./env";

/**
 * The container files (Dockerfile, docker-compose.yml) and the README's configuration tables read as
 * data and checked against the code they configure: lib/env.ts's schema, package.json's scripts and
 * the files the image's commands run. No Docker daemon is needed (none runs on CI).
 */

// js-yaml arrives with swagger-ui-react (a dependency); no types ship with it, so it is required untyped.
const yaml = createRequire(import.meta.url)("js-yaml") as { load(text: string): unknown };

const schemaVariables = new Set(Object.keys(envSchema.shape));
// Read by Next's server or by installers, not by the app's schema.
const outsideTheSchema = new Set(["PORT", "HOSTNAME", "NEXT_TELEMETRY_DISABLED", "ONNXRUNTIME_NODE_INSTALL", "MALLOC_ARENA_MAX"]); // MALLOC_ARENA_MAX is read by glibc at process start
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

interface Stage {
  name: string;
  from: string;
  instructions: { op: string; args: string }[];
}

/** The Dockerfile's build stages with their instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    const upper = op.toUpperCase();
    if (upper === "FROM") {
      const [image, , name] = rest.split(/\s+/);
      stages.push({ name: name ?? String(stages.length), from: image.replace(/\$\{(\w+)\}/g, (_, a: string) => args[a] ?? ""), instructions: [] });
    } else if (upper === "ARG" && stages.length === 0) {
      const [name, value] = rest.split("=");
      args[name] = value ?? "";
    } else stages.at(-1)?.instructions.push({ op: upper, args: rest });
  }
  return { args, stages };
}

const envNames = (stage: Stage) => stage.instructions.filter((i) => i.op === "ENV").flatMap((i) => [...i.args.matchAll(/(\w+)=/g)].map((m) => m[1]));
const envValue = (stage: Stage, name: string) =>
  stage.instructions
    .filter((i) => i.op === "ENV")
    .map((i) => new RegExp(`${name}=(\\S+)`).exec(i.args)?.[1])
    .find(Boolean);
const last = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).at(-1)?.args;

describe("Dockerfile", () => {
  const { stages } = parseDockerfile(readFileSync("Dockerfile", "utf8"));
  const runtime = stages.at(-1)!;
  const byName = (name: string) => stages.find((s) => s.name === name)!;

  it("serves the standalone output on Node 20 slim as a non-root user, with a health check", () => {
    expect(runtime.name).toBe("runtime");
    expect(runtime.from).toBe("node:20-bookworm-slim");
    const user = last(runtime, "USER");
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user!.split(":")[0]);
    // USER comes after every RUN, so nothing the server runs as is root.
    const index = (op: string) => runtime.instructions.map((i) => i.op).lastIndexOf(op);
    expect(index("USER")).toBeGreaterThan(index("RUN"));
    expect(last(runtime, "HEALTHCHECK")).toMatch(/\/api\/health/);
    expect(last(runtime, "CMD")).toBe('["node", "--import", "./scripts/expose-http-server.mjs", "server.js"]');
    // Only the standalone folder the build stage prepared, and the fetched model files.
    const copies = runtime.instructions.filter((i) => i.op === "COPY").map((i) => i.args);
    expect(copies.every((c) => c.startsWith("--from="))).toBe(true);
    const out = /prepare-standalone\.mjs --out (\S+)/.exec(
      byName("build")
        .instructions.map((i) => i.args)
        .join("\n"),
    )?.[1];
    expect(out).toBeDefined();
    expect(copies).toContain(`--from=build ${out} ./`);
  });

  it("installs with ONNXRUNTIME_NODE_INSTALL=skip before every npm ci", () => {
    for (const stage of stages) {
      const ciAt = stage.instructions.findIndex((i) => i.op === "RUN" && /npm ci\b/.test(i.args));
      if (ciAt < 0) continue;
      const before = stage.instructions.slice(0, ciAt).some((i) => i.op === "ENV" && /ONNXRUNTIME_NODE_INSTALL=skip/.test(i.args));
      expect(before || /ONNXRUNTIME_NODE_INSTALL=skip/.test(stage.instructions[ciAt].args), `stage ${stage.name}`).toBe(true);
    }
  });

  it("sets only variables the app's env schema reads (or Next's server does)", () => {
    for (const stage of stages)
      for (const name of envNames(stage)) expect(schemaVariables.has(name) || outsideTheSchema.has(name), `${stage.name}: ${name}`).toBe(true);
  });

  it("points MODEL_MIRROR_DIR at the fetched models and keeps DATA_DIR on a volume", () => {
    for (const stage of [runtime, byName("worker")]) {
      const workdir = last(stage, "WORKDIR")!;
      const modelsCopy = stage.instructions.find((i) => i.op === "COPY" && i.args.startsWith("--from=models "))?.args.split(/\s+/);
      expect(modelsCopy, stage.name).toBeDefined();
      expect(path.posix.resolve(workdir, modelsCopy!.at(-1)!)).toBe(envValue(stage, "MODEL_MIRROR_DIR"));
      expect(byName("models").instructions.some((i) => i.op === "RUN" && i.args.includes(`fetch-models -- ${modelsCopy![1]}`))).toBe(true);
      expect(last(stage, "VOLUME")).toBe(envValue(stage, "DATA_DIR"));
    }
  });

  it("runs only npm scripts and files that exist", () => {
    for (const stage of stages) {
      for (const instruction of stage.instructions.filter((i) => i.op === "RUN" || i.op === "CMD")) {
        for (const [, script] of instruction.args.matchAll(/npm"?,?\s*"?run"?,?\s*"?([\w:-]+)/g)) expect(scripts[script], `npm run ${script}`).toBeDefined();
        for (const [file] of instruction.args.matchAll(/scripts\/[\w.-]+/g)) expect(existsSync(file), file).toBe(true);
      }
    }
    expect(scripts.worker).toContain("scripts/worker.ts");
    // The worker stage copies what `npm run worker` loads: tsx (a dependency, not a devDependency) and the sources.
    const worker = byName("worker")
      .instructions.filter((i) => i.op === "COPY")
      .map((i) => i.args)
      .join("\n");
    for (const folder of ["lib", "scripts", "models", "drizzle", "tsconfig.json"]) expect(worker).toContain(folder);
    expect((JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> }).dependencies.tsx).toBeDefined();
  });
});

describe("docker-compose.yml", () => {
  type Service = {
    image?: string;
    build?: { target?: string };
    command?: string[];
    environment?: Record<string, string>;
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
  };
  const compose = yaml.load(readFileSync("docker-compose.yml", "utf8")) as { services: Record<string, Service> };
  const { postgres, app, worker } = compose.services;
  const stageNames = parseDockerfile(readFileSync("Dockerfile", "utf8")).stages.map((s) => s.name);

  it("runs PostgreSQL 15 with a health check the app and the worker wait for", () => {
    expect(postgres.image).toMatch(/^postgres:15\b/);
    expect(postgres.healthcheck?.test.join(" ")).toMatch(/pg_isready/);
    for (const service of [app, worker]) expect(service.depends_on?.postgres?.condition).toBe("service_healthy");
  });

  it("builds the app and the worker from stages of the Dockerfile, the worker running an npm script that exists", () => {
    expect(stageNames).toContain(app.build?.target);
    expect(stageNames).toContain(worker.build?.target);
    const [npm, run, script] = worker.command ?? [];
    expect([npm, run]).toEqual(["npm", "run"]);
    expect(scripts[script]).toBeDefined();
  });

  it("configures every process with variables of the env schema, on one PostgreSQL and one shared secret", () => {
    for (const [name, service] of Object.entries({ app, worker })) {
      for (const variable of Object.keys(service.environment ?? {})) expect(schemaVariables.has(variable), `${name}: ${variable}`).toBe(true);
      expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@postgres:5432\//);
      expect(service.environment?.AUTH_SECRET).toBeDefined();
    }
  });
});

describe("the configuration tables in docs/", () => {
  const section = (file: string) => readFileSync(`docs/${file}.md`, "utf8");
  const tableNames = (text: string) =>
    new Set(
      text
        .split("\n")
        .filter((l) => l.startsWith("| `"))
        .flatMap((l) => [...l.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
    );

  it("the Configuration table names every variable of lib/env.ts, and nothing else", () => {
    const documented = tableNames(section("configuration"));
    expect([...schemaVariables].filter((v) => !documented.has(v))).toEqual([]);
    expect([...documented].filter((v) => !schemaVariables.has(v) && !outsideTheSchema.has(v))).toEqual([]);
  });

  it("the Deployment section's table names only real variables", () => {
    const documented = tableNames(section("deployment"));
    expect(documented.size).toBeGreaterThan(3);
    expect([...documented].filter((v) => !schemaVariables.has(v) && !outsideTheSchema.has(v))).toEqual([]);
  });
});
