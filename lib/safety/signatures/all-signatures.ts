import { documentSignatures } from "./document";
import type { Signature } from "./families";
import { instructionOverrideSignatures } from "./instruction-override";
import { multilingualSignatures } from "./multilingual";
import { payloadSignatures } from "./payload";
import { personaSignatures } from "./persona";

export const allSignatures: Signature[] = [
  ...instructionOverrideSignatures,
  ...personaSignatures,
  ...payloadSignatures,
  ...documentSignatures,
  ...multilingualSignatures,
];
