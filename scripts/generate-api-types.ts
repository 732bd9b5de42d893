// `npm run api:types`: regenerates lib/api-client/api-types.ts from the OpenAPI document, and
// lib/http/route-methods.ts (the methods per path that proxy.ts checks) from the same operations.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateApiTypes } from "../lib/api-contract/api-types-source";
import { generateRouteMethods } from "../lib/api-contract/route-methods-source";

for (const [file, source] of [
  ["../lib/api-client/api-types.ts", await generateApiTypes()],
  ["../lib/http/route-methods.ts", generateRouteMethods()],
] as const) {
  const target = path.join(import.meta.dirname, file);
  writeFileSync(target, source);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
