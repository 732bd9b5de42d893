import { layers } from "./architecture/layers.mjs";

/**
 * The layering rules as code (`npm run lint`), from the one list in architecture/layers.mjs: a module
 * imports its own layer and the ones below, never one above; no import cycles, type-only imports
 * included; lib never imports app/ or components/; only tests and scripts use the helpers in test/.
 */

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A folder matches everything under it; a root file matches itself and its tests (env.ts, env.test.ts).
const pathPattern = (p) => (/\.(ts|mjs)$/.test(p) ? `${escapeRegExp(p.replace(/\.(ts|mjs)$/, ""))}\\.[^/]*$` : `${escapeRegExp(p)}/`);
const pattern = (paths) => `^(${paths.map(pathPattern).join("|")})`;

// Tests and the scripts (benchmarks, the soak) may use the helpers in test/; product code may not.
const TESTS_AND_SCRIPTS = "\\.(test|spec)\\.ts$|^(e2e|test|scripts)/";
const TEST_HELPERS = "^test/";

/**
 * Imports that cross the order on purpose, each with why. Keep this list short: each entry is a
 * small debt, and the rule fails on anything not listed.
 */
const exceptions = [
  {
    layer: "ground",
    from: "^lib/env\\.ts$",
    to: "^lib/rate-limit/plans\\.ts$",
    why: "the one env schema validates RATE_LIMIT_PLANS with the plans' own zod schema (plans.ts imports nothing but zod)",
  },
];

const above = (name) => layers.slice(layers.findIndex((layer) => layer.name === name) + 1).flatMap((layer) => layer.paths);

const upward = layers.slice(0, -1).map((layer, index) => ({
  name: `no-upward-from-${layer.name}`,
  comment: `The ${layer.name} layer imports only itself and the layers below it (architecture/layers.mjs).`,
  severity: "error",
  from: { path: pattern(layer.paths) },
  to: {
    path: pattern(layers.slice(index + 1).flatMap((above) => above.paths)),
    pathNot: TEST_HELPERS,
  },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...upward.map((rule) => ({
      ...rule,
      // An exception lifts the rule for its one pair of modules only.
      from: { ...rule.from, pathNot: exceptions.length ? `^(${exceptions.map((e) => e.from.replace(/^\^/, "")).join("|")})` : undefined },
    })),
    ...exceptions.map((exception, index) => ({
      name: `listed-exception-${index + 1}`,
      comment: `Listed exception (${exception.why}): nothing else may cross from this module.`,
      severity: "error",
      from: { path: exception.from },
      to: {
        path: pattern(above(exception.layer)),
        pathNot: exception.to,
      },
    })),
    {
      name: "no-cycles",
      comment: "No import cycles, type-only imports included: shared types get a file of their own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-not-into-app",
      comment: "lib is below the app: it never imports app/ or components/.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "test-helpers-only-in-tests",
      comment: "The helpers in test/ serve tests and scripts; product code (lib, app, components) never imports them.",
      severity: "error",
      from: { pathNot: TESTS_AND_SCRIPTS },
      to: { path: TEST_HELPERS },
    },
    {
      name: "every-module-in-a-layer",
      comment: "Each module of lib/ sits in a layer of architecture/layers.mjs, so none escapes the order.",
      severity: "error",
      from: { path: "^lib/", pathNot: pattern(layers.flatMap((layer) => layer.paths)) },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mjs", ".js", ".json"],
    },
    skipAnalysisNotInRules: true,
  },
};
