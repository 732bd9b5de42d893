import type { Operation } from "../http/operation";
import { accountOperations } from "./accounts";
import { analyzeOperations } from "./analyze";
import { assistantOperations } from "./assistant";
import { inferenceProtocolOperations } from "./inference-protocol";
import { instanceOperations } from "./instance";
import { jobOperations } from "./jobs";
import { modelOperations } from "./models";
import { safetyOperations } from "./safety";

/** Every documented operation of the public API, in the order the docs show them. */
export const publicOperations: readonly Operation[] = [
  ...analyzeOperations,
  ...safetyOperations,
  ...assistantOperations,
  ...jobOperations,
  ...modelOperations,
  ...accountOperations,
  ...instanceOperations,
  ...inferenceProtocolOperations,
];
