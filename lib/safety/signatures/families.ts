/**
 * The attack families the detector knows. Each has signatures (patterns with evidence spans) or a
 * structural check; the red-team lab measures detection per family with the same names.
 */
export const attackFamilies = {
  "ignore-previous": "Tells the model to ignore, forget or override the instructions it was given.",
  "role-play": "Replaces the assistant with an unrestricted persona (DAN, developer mode, 'no rules' characters).",
  "prompt-leak": "Asks for the system prompt, hidden instructions or the text above.",
  "data-exfiltration": "Asks for secrets, passwords or other users' personal data, or to send data elsewhere.",
  encoding: "Hides the request in base64, hex, binary, rot13, Morse, URL escapes or reversed text.",
  homoglyph: "Spells words with lookalike letters from other scripts to slip past filters.",
  "invisible-characters": "Zero-width, bidi-override or tag characters that hide or reorder text.",
  "payload-splitting": "Splits the request into fragments (variables, parts) to be joined by the model.",
  "few-shot": "Primes the model with many fabricated question/answer turns.",
  "language-switch": "Carries the instruction in another language or script than the rest of the text.",
  "indirect-injection": "Instructions planted in a document, web page, e-mail or comment the model will read.",
  "output-manipulation": "Dictates what the answer must say, contain or start with.",
  "code-execution": "Shell, SQL, script or code payloads meant to be run or inserted.",
  persuasion: "Claims of authority, tests, emergencies or threats to talk the model into complying.",
  "delimiter-injection": "Fake chat-template or system markers ([INST], <|im_start|>, ### System) to start a new turn.",
  "agent-manipulation": "Makes an agent act: send, delete, transfer, grant access, call tools.",
  "system-mode": "Claims a special mode (developer, god, override) in which rules are off.",
  "refusal-suppression": "Forbids refusing, warnings or disclaimers.",
  "hypothetical-framing": "Wraps the request in fiction or a hypothetical world without rules.",
  "repetition-overload": "Floods the context with repeated tokens or noise to derail the model.",
} as const;

export type AttackFamily = keyof typeof attackFamilies;
export const attackFamilyNames = Object.keys(attackFamilies) as AttackFamily[];

export interface Signature {
  id: string;
  family: AttackFamily;
  /** How strongly one match alone indicates an attack, 0..1 (set by judgement, not fitted). */
  weight: number;
  pattern: RegExp;
  /** Language of the pattern when it is not English. */
  lang?: string;
}

/** Compiles a signature pattern: global, case-insensitive, Unicode-aware. */
export function sig(id: string, family: AttackFamily, weight: number, source: string, options: { lang?: string; caseSensitive?: boolean } = {}): Signature {
  return { id, family, weight, pattern: new RegExp(source, options.caseSensitive ? "gu" : "giu"), lang: options.lang };
}
