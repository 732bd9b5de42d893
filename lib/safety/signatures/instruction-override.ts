import { sig, type Signature } from "./families";

/** Signatures against the instructions themselves: ignore/forget them, leak them, switch them off. */

const ignoreVerb = String.raw`(?:ignore|ignoring|disregard|disregarding|forget|forgetting|skip|override|overrule|bypass|discard|abandon|drop|neglect|set aside|throw out|dismiss|pay no (?:attention|heed) to|do not (?:follow|obey)|don'?t (?:follow|obey)|stop following|no longer follow|erase|delete|clear|wipe)`;
const earlier = String.raw`(?:previous|previously|prior|preceding|above|earlier|former|original|initial|old|foregoing|aforementioned|past|last|system|developer'?s?|pre-?set|given|established|programmed)`;
const instructionNoun = String.raw`(?:instructions?|directions?|directives?|rules|guidelines|prompts?|commands?|context|programming|constraints|restrictions|guidance|orders|training|polic(?:y|ies)|limitations|safeguards|protocols?|guardrails|assignments?)`;
const instructionNounBroad = String.raw`(?:${instructionNoun.slice(3, -1)}|messages?|conversation|tasks?|inputs?|requests?)`;

export const instructionOverrideSignatures: Signature[] = [
  sig("ignore-earlier-instructions", "ignore-previous", 0.92, String.raw`\b${ignoreVerb}\b[^.\n]{0,14}?\b${earlier}\b[^.\n]{0,30}?\b${instructionNounBroad}\b`),
  sig(
    "ignore-all-instructions",
    "ignore-previous",
    0.72,
    String.raw`\b${ignoreVerb}\s+(?:all|any|every|each|your|my|the|these|those)\s+(?:of\s+(?:your|the|my)\s+)?(?:\w+\s+)?${instructionNoun}\b`,
  ),
  sig(
    "ignore-what-you-were-told",
    "ignore-previous",
    0.85,
    String.raw`\b(?:ignore|forget|disregard)\b[^.\n]{0,20}\b(?:what|everything|anything|all)\b[^.\n]{0,15}\b(?:you(?:'ve| have)? (?:were|been|was)? ?(?:told|given|instructed|taught|programmed|said)|(?:i|we) (?:said|told you|asked)|before|above|so far|up to now|until now|from before)\b`,
  ),
  sig(
    "forget-everything",
    "ignore-previous",
    0.7,
    String.raw`\bforget (?:about )?(?:everything|all(?: of)? (?:that|this|the above|your)|your (?:instructions|rules|training|guidelines|programming|restrictions|identity|previous))\b`,
  ),
  sig(
    "new-instructions-follow",
    "ignore-previous",
    0.7,
    String.raw`\b(?:new|updated|real|actual|revised|true|override|overriding|secret|additional|important|urgent) (?:instructions?|task|rules|directives?|system prompt|orders?|objective|mission|command)\s*(?::|are\b|is\b|follow\b|below\b)`,
  ),
  sig(
    "instructions-void",
    "ignore-previous",
    0.9,
    String.raw`\b(?:the|your|all|any) (?:previous|above|prior|earlier|original|old|initial)? ?(?:instructions?|rules|prompts?|guidelines|restrictions) (?:are|is|were|have been|has been) (?:no longer|not|now|hereby)? ?(?:valid|applicable|in effect|void|null|relevant|cancell?ed|revoked|lifted|removed|obsolete|disabled|suspended|overridden|replaced|outdated)\b`,
  ),
  sig(
    "instructions-were-fake",
    "ignore-previous",
    0.85,
    String.raw`\b(?:above|previous|prior|earlier|system|original) (?:instructions?|prompt|rules|message) (?:was|were|is|are) (?:a |just a |only a )?(?:mistake|wrong|fake|test|joke|error|lie|incorrect)\b`,
  ),
  sig(
    "ignore-the-above",
    "ignore-previous",
    0.85,
    String.raw`\b(?:ignore|disregard|forget|skip)\s+(?:all\s+(?:of\s+)?)?(?:the\s+|everything\s+|what(?:'s| is| was)?\s+)?(?:above|previous|prior|preceding|foregoing|earlier|before)(?:\s+(?:text|content|message|prompt|input|part|lines?))?(?=\s*(?:and\b|then\b|instead\b|[,.;:!]|$))`,
  ),
  sig(
    "ignore-the-above-intl",
    "ignore-previous",
    0.85,
    String.raw`(?:위의?|이전의?|앞의?)\s*(?:내용|것|모든 것|말)[을를]?\s*무시|(?:上記|以上|前|上)の?(?:内容|こと|すべて|全て)?を?無視|(?:忽略|无视|無視|忘记|忘記)(?:以上|上面|上述|之前|前面|先前)(?:的)?(?:内容|所有|一切|内容)?|\bignora(?:r)? lo anterior\b|\bignore[rz]? ce qui précède\b|\bignorier(?:e|en)? (?:das )?(?:obige|vorherige)\b|\bignor[ae] (?:o )?(?:acima|anterior)\b|\bignora quanto sopra\b|(?:игнорир\p{L}*|забуд\p{L}*) (?:всё |все )?(?:вышесказанное|вышеуказанное|сказанное выше|предыдущее)|\babaikan (?:yang )?(?:di atas|sebelumnya)\b|\bbỏ qua (?:những )?(?:điều )?(?:ở )?trên\b`,
  ),
  sig(
    "instructions-dont-apply",
    "ignore-previous",
    0.85,
    String.raw`\b(?:the|your|all|any|those|these)\s+(?:previous|above|prior|earlier|original|old|initial|system|former)\s+(?:instructions?|rules|prompts?|guidelines|restrictions|directives)\s+(?:do not|don'?t|no longer|shall not|will not|won'?t|cease to)\s+(?:apply|count|matter|hold|exist)\b`,
  ),
  sig(
    "regardless-of-previous",
    "ignore-previous",
    0.75,
    String.raw`\b(?:regardless of|irrespective of|notwithstanding|no matter)\s+(?:the\s+|any\s+|all\s+|your\s+|what\s+)?(?:previous|prior|earlier|above|original|initial|system)\s+(?:instructions?|tasks?|rules|prompts?|guidelines|directives|said)\b`,
  ),
  sig(
    "instead-do",
    "ignore-previous",
    0.45,
    String.raw`\b(?:actually|wait|scratch that|never ?mind|on second thought|change of plans?|correction)\b[,.!]?[^.\n]{0,80}\b(?:instead|rather)\b`,
  ),
  sig(
    "dont-do-task-instead",
    "ignore-previous",
    0.7,
    String.raw`\b(?:don'?t|do not|stop|no need to)\b[^.\n]{0,10}\b(?:summari[sz]e|translate|answer|do (?:that|this|the task)|respond to (?:that|this))\b[^.\n]{0,40}\binstead\b`,
  ),

  sig(
    "reveal-system-prompt",
    "prompt-leak",
    0.88,
    String.raw`\b(?:reveal|show|print|output|display|repeat|recite|share|tell me|give me|dump|leak|expose|disclose|write (?:out|down)|list|paste|copy|spell out|read (?:out|back)|what (?:is|are|was|were)|what'?s)\b[^.\n]{0,30}?\b(?:your|the|my|its|this|ur)\b[^.\n]{0,20}?\b(?:system (?:prompt|message|instructions?|rules)|initial (?:prompt|instructions?)|original (?:prompt|instructions?)|hidden (?:prompt|instructions?|rules|text)|secret (?:prompt|instructions?|rules)|pre-?prompt|meta-?prompt|developer (?:message|instructions?|prompt)|(?:prompt|instructions?|text|words|rules|messages?) (?:above|before this|you were given|you received|at the (?:start|beginning))|confidential instructions?|internal (?:rules|instructions|guidelines|prompt)|(?:full|complete|entire|exact) (?:prompt|instructions))\b`,
  ),
  sig(
    "repeat-text-above",
    "prompt-leak",
    0.8,
    String.raw`\brepeat (?:the |all |every |your )?(?:words|text|everything|lines?|sentences?|instructions?|messages?)\b[^.\n]{0,20}\b(?:above|before|prior|earlier|verbatim)\b|\b(?:everything|all text|all the text|all) above (?:this|the) (?:line|message|point)\b|\bstarting with ["'“]?you are\b`,
  ),
  sig(
    "how-were-you-instructed",
    "prompt-leak",
    0.6,
    String.raw`\bwhat (?:were you|have you been|did they) (?:told|instructed|programmed|configured)\b|\bhow (?:were you|are you|have you been) (?:programmed|configured|instructed|prompted)\b|\bwhat (?:are|is) your (?:instructions|rules|directives|guidelines|system prompt)\b`,
  ),

  sig(
    "enter-unrestricted-mode",
    "system-mode",
    0.88,
    String.raw`\b(?:enable|enabled|enter|entering|activate|activated|switch(?:ed)? (?:to|into)|turn(?:ed)? on|unlock(?:ed)?|engage|initiate|boot(?:ed)? (?:into|in)|now in|you are in|you'?re in|put (?:yourself|you) in(?:to)?)\b[^.\n]{0,15}\b(?:god|sudo|jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|chaos|no-?limits?|limitless|override|omega|dan|opposite|anarchy|unlocked|uncensor(?:ed)?|rule-?free|amoral) ?mode\b`,
  ),
  sig(
    "enter-privileged-mode",
    "system-mode",
    0.55,
    String.raw`\b(?:enable|enabled|enter|entering|activate|activated|switch(?:ed)? (?:to|into)|turn(?:ed)? on|unlock(?:ed)?|engage|now in|you are in|you'?re in|with)\b[^.\n]{0,15}\b(?:developer|dev|debug|debugging|admin|administrator|maintenance|diagnostic|root|superuser|test(?:ing)?|system) ?mode\b`,
  ),
  sig(
    "safety-override",
    "system-mode",
    0.85,
    String.raw`\b(?:security|safety|admin|system|content|ethics?|moderation) (?:override|bypass)\b|\boverride (?:code|mode|protocol|command|authori[sz]ation|enabled|activated|accepted)\b|\b(?:safety|content|ethical|moderation|security) (?:filters?|guardrails?|protocols?|restrictions?|checks?|measures?|settings|features|systems?) (?:are |have been |has been |were |is )?(?:now )?(?:disabled|off|removed|deactivated|turned off|lifted|suspended|bypassed|offline)\b`,
  ),
  sig(
    "bypass-safety",
    "system-mode",
    0.7,
    String.raw`\b(?:bypass(?:ing)?|circumvent(?:ing)?|evad(?:e|ing)|disabl(?:e|ing)|turn(?:ing)? off|get(?:ting)? around)\s+(?:the\s+|your\s+|all\s+|any\s+|its\s+)?(?:safety|security|content|ethical|moderation)\s+(?:protocols?|filters?|measures|guidelines|checks|restrictions|mechanisms|rules|systems?|guardrails)\b`,
  ),
  sig(
    "vendor-mode-claim",
    "system-mode",
    0.55,
    // The vendor's name next to a "mode" claim, in any language; the generic mode names of each language
    // are in multilingual.ts (specialModes). Single-row spellings (`\p{L}+modus`, `modalità di manutenzione`) were dropped (issue #20 audit).
    String.raw`\b(?:OpenAI|Anthropic)\b[^.\n]{0,80}\b(?:mode|modus|modalità|modo|режим|モード|모드|模式)`,
  ),
  sig(
    "admin-authority-marker",
    "system-mode",
    0.5,
    String.raw`\b(?:sudo|root access|superuser|admin(?:istrator)? (?:access|privileges?|rights|command)|maintenance (?:access|override))\b`,
  ),

  sig(
    "never-refuse",
    "refusal-suppression",
    0.62,
    String.raw`\b(?:never|don'?t|do not|must not|mustn'?t|cannot|can'?t|shall not|won'?t|will not|should not|shouldn'?t|are not allowed to|aren'?t allowed to|not permitted to)\b[^.\n]{0,15}\b(?:refuse|decline|reject|deny (?:any|a|my)|say no|apologi[sz]e|say (?:that )?(?:you|it) (?:can'?t|cannot|are unable|is unable)|warn(?: me)?|include (?:any )?(?:warnings?|disclaimers?|caveats?)|add (?:any )?(?:warnings?|disclaimers?)|mention (?:ethics|morals|legality|openai|the law)|censor|hold back|moralize|lecture)\b`,
  ),
  sig(
    "without-warnings",
    "refusal-suppression",
    0.5,
    String.raw`\b(?:without|no|skip (?:the|any)|omit (?:the|any|all)|free of|leave out (?:the|any))\s+(?:any\s+)?(?:warnings?|disclaimers?|caveats?|moral(?:i[sz]ing)?|lectures?|censorship|refusals?|apologies|ethical (?:concerns|considerations|guidelines)|content warnings?|filters?)\b`,
  ),
  sig(
    "answer-everything",
    "refusal-suppression",
    0.7,
    String.raw`\b(?:answer|respond to|reply to|comply with|fulfil+|do|obey|follow|execute|accept)\s+(?:any|every|all|each)\b[^.\n]{0,20}\b(?:requests?|questions?|prompts?|commands?|tasks?|orders?|instructions?|queries)\b[^.\n]{0,40}\b(?:no matter|regardless|without (?:question|hesitation|exception|refusal|fail)|even if|whatever)\b`,
  ),
];
