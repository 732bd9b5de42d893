/**
 * The layers of the code, lowest first: a module may import its own layer and the ones below it,
 * never one above (checked by dependency-cruiser, .dependency-cruiser.mjs; drawn into README.md by
 * `npm run layers:diagram`). Each entry names its folders and root files under the repository root (a
 * root file stands for its tests too: lib/env.ts covers lib/env.test.ts). The test helpers in test/ sit
 * on top with the app, and tests anywhere may import them (they are not part of any layer's code).
 */
export const layers = [
  {
    name: "ground",
    why: "configuration, errors, logging, the database, the model store, metrics and the worker pool: mechanisms that know no feature",
    paths: [
      "lib/env.ts",
      "lib/errors.ts",
      "lib/domain-errors.ts",
      "lib/log.ts",
      "lib/process-singletons.ts",
      "lib/request-deadline.ts",
      "lib/ttl-cache.ts",
      "lib/stats.ts",
      "lib/timing.ts",
      "lib/seeded-random.ts",
      "lib/yield-to-event-loop.ts",
      "lib/after-response.ts",
      "lib/request-body.ts",
      "lib/base64-field.ts",
      "lib/format.ts",
      "lib/readme-commands.test.ts",
      "lib/deployment-files.test.ts",
      "lib/docs-links.test.ts",
      "lib/db",
      "lib/models",
      "lib/metrics",
      "lib/workers",
    ],
  },
  {
    name: "domain",
    why: "what the product computes: inference, languages, safety, the analyses and the model optimiser",
    paths: ["lib/inference", "lib/language", "lib/safety", "lib/analyze", "lib/optimize"],
  },
  {
    name: "features",
    why: "accounts, keys, limits, usage, history, the job queue and what runs on it, the assistant",
    paths: ["lib/auth", "lib/rate-limit", "lib/usage", "lib/history", "lib/jobs", "lib/batch", "lib/benchmarks", "lib/assistant", "lib/soak"],
  },
  {
    name: "wiring",
    why: "HTTP plumbing, the API contract and its typed client, and the instance that starts and wires it all",
    paths: ["lib/http", "lib/api-contract", "lib/api-client", "lib/instance"],
  },
  {
    name: "app",
    why: "Next.js routes and pages, UI components, the proxy, scripts and tests on top",
    paths: ["app", "components", "proxy.ts", "instrumentation.ts", "scripts", "e2e", "test"],
  },
];
