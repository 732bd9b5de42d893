// `npm run api:types`: regenerates lib/api-client/api-types.ts from the OpenAPI document.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { generateApiTypes } from "../lib/api-contract/api-types-source";

const target = path.join(import.meta.dirname, "../lib/api-client/api-types.ts");
writeFileSync(target, await generateApiTypes());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
