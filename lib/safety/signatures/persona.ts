import { sig, type Signature } from "./families";

/** Signatures of persona jailbreaks, fictional framing and social pressure. */

const ruleNoun = String.raw`(?:restrictions?|filters?|filtering|censorship|limitations?|limits|rules|guidelines|ethics|ethical (?:guidelines|principles|boundaries|constraints)|morals?|morality|boundaries|polic(?:y|ies)|safeguards?|constraints|programming|principles|guardrails)`;

export const personaSignatures: Signature[] = [
  sig(
    "do-anything-now",
    "role-play",
    0.95,
    String.raw`\bdo anything now\b|\b(?:BetterDAN|AntiGPT|BasedGPT|DevMode|EvilBOT|EvilGPT|DarkGPT|UnGPT|ChaosGPT|WormGPT|NsfwGPT|FreedomGPT|DAN ?\d+(?:\.\d+)?)\b|\bdeveloper mode (?:enabled|output|response)\b|\bchatgpt with developer mode\b`,
  ),
  sig(
    "do-anything-now-intl",
    "role-play",
    0.9,
    String.raw`现在就?做任何事情?|立即做任何事|今すぐ何でも(?:する|でき)|지금 무엇이든|\bhaz cualquier cosa ahora\b|\bhaga cualquier cosa ahora\b|\bfai qualsiasi cosa ora\b|\bfaire n'importe quoi maintenant\b|\bmach jetzt alles\b|\bfaça qualquer coisa agora\b|делай что угодно сейчас|сделай что угодно сейчас|\bşimdi her şeyi yap\b|\blàm bất cứ điều gì ngay bây giờ\b|\blakukan apa saja sekarang\b`,
  ),
  sig("jailbreak-word", "role-play", 0.35, String.raw`\bjailbr(?:ea|o)k(?:en|ed|ing)?\b`),
  sig(
    "jailbreak-persona-name",
    "role-play",
    0.55,
    String.raw`\b(?:DAN|STAN|DUDE|AIM|UCAR|OPPO|KEVIN|APOPHIS|BH|NRAF|AIDAN|SDA|DAE|JB)\b(?=[^\n]{0,60}\b(?:stands for|can do|will|is an?|has|does|must|should|respond|answer|mode)\b)`,
    { caseSensitive: true },
  ),
  sig(
    "free-of-ai-rules",
    "role-play",
    0.72,
    String.raw`\b(?:no|without|free (?:of|from)|freed from|not (?:bound|restricted|limited|constrained|governed) by|broken? (?:free )?(?:of|from)|ignores?|disregards?|doesn'?t (?:care about|follow|have|abide by)|does not (?:care about|follow|have|abide by)|don'?t (?:have to )?(?:follow|abide by|care about)|never (?:follows?|abides? by)|(?:is|are) (?:not|no longer) (?:subject to|bound by|restricted by|limited by)|unbound by|exempt from|liberated from)\s+(?:any |all |the |its |their |your |typical |usual |normal )?(?:openai'?s?\s+|moral\s+(?:and|or)\s+ethical\s+|ethical\s+(?:and|or)\s+moral\s+)?(?:restrictions|filters|filtering|censorship|content polic(?:y|ies)|ethical (?:guidelines|principles|restrictions)|moral (?:restrictions|guidelines)|safety (?:guidelines|measures|protocols|filters))\b`,
  ),
  sig(
    "free-of-rules",
    "role-play",
    0.45,
    String.raw`\b(?:no|without|free (?:of|from)|freed from|not (?:bound|restricted|limited|constrained|governed) by|beyond|broken? (?:free )?(?:of|from)|outside(?: of)?|ignores?|disregards?|doesn'?t (?:care about|follow|have|abide by)|does not (?:care about|follow|have|abide by)|don'?t (?:have to )?(?:follow|abide by|care about)|never (?:follows?|abides? by)|(?:is|are) (?:not|no longer) (?:subject to|bound by|restricted by|limited by)|unbound by|exempt from|liberated from|released from)\b[^.\n]{0,25}?\b(?:any |all |the |its |his |her |their |your |typical |usual |normal |openai'?s? |moral |ethical |content )?${ruleNoun}\b`,
  ),
  sig(
    "unfiltered-ai",
    "role-play",
    0.68,
    String.raw`\b(?:unfiltered|uncensored|unrestricted|unlimited|amoral|nonmoral|non-moral|immoral|unethical|lawless|unbound|unchained|jailbroken|limitless|rule-?less|filterless|unhinged)\b[^.\n]{0,30}\b(?:AI|model|assistant|chatbot|bot|mode|responses?|character|persona|language model|entity|GPT|replies)\b`,
  ),
  sig(
    "stay-in-character",
    "role-play",
    0.62,
    String.raw`\b(?:stay|remain|keep|staying) in (?:character|role)\b|\bbreak(?:ing)? (?:out of )?character\b|\bcharacter break\b|\bnever break (?:the )?(?:role|persona|character)\b`,
  ),
  sig(
    "from-now-on",
    "role-play",
    0.5,
    String.raw`\b(?:from now on|from this (?:point|moment) (?:on|forward)|for the rest of (?:this|our|the) (?:conversation|chat|session)|henceforth|going forward),? (?:you|your|chatgpt|respond|answer|reply|act|always|every|you'?ll|you will|you are|you must|only)\b`,
  ),
  sig(
    "no-longer-an-ai",
    "role-play",
    0.82,
    String.raw`\b(?:you are|you'?re|you will be|you shall be) (?:now )?(?:no longer|not|never again) (?:an? |the )?(?:AI|ChatGPT|assistant|language model|bound|restricted|limited|an AI assistant|a chatbot|GPT|claude|bard|gemini|llama)\b`,
  ),
  sig(
    "replaced-persona",
    "role-play",
    0.75,
    String.raw`\b(?:you are|you'?ve been|you have been|you will be) (?:now )?(?:replaced|overridden|reprogrammed|rebooted|updated|freed|liberated|released|unlocked|transformed)\b|\b(?:you have|you'?ve) (?:been )?(?:freed|liberated|broken free|escaped)\b`,
  ),
  sig(
    "dual-response",
    "role-play",
    0.85,
    String.raw`\[(?:JAILBREAK|CLASSIC|NORMAL|DEVELOPER MODE|🔓|🔒|DAN|FILTERED|UNFILTERED)[^\]]{0,20}\]|\((?:Normal|Developer Mode|🔓|🔒) Output\)`,
  ),
  sig(
    "two-responses",
    "role-play",
    0.5,
    String.raw`\b(?:two|2|dual|both) (?:different |separate |distinct )?(?:responses|answers|outputs|paragraphs|replies|ways)\b[^\n]{0,100}\b(?:one|first|normal|classic)\b`,
  ),
  sig(
    "creator-policies",
    "role-play",
    0.48,
    String.raw`\b(?:openai|open ai|chatgpt|anthropic|your (?:creators?|developers?|programmers?|makers?|owners?))(?:'?s)? (?:content )?(?:polic(?:y|ies)|guidelines|rules|restrictions|filters?|programming|terms|safeguards|censorship)\b`,
  ),
  sig(
    "privileged-role",
    "role-play",
    0.55,
    String.raw`\b(?:behave|act|respond|operate|function|serve|pose) as (?:a |an |the |my )?(?:system administrator|sysadmin|root user|administrator|superuser|hacker|linux terminal|terminal|shell|bash shell|command prompt|unrestricted|uncensored|evil)\b`,
  ),
  sig(
    "must-comply",
    "role-play",
    0.62,
    String.raw`\byou (?:must|will|shall|have to)\s+(?:always\s+)?(?:answer|respond|comply|obey|do|fulfil+|provide|generate)\b[^.\n]{0,15}\b(?:any|every|all|whatever|anything)\b`,
  ),
  sig("hello-chatgpt", "role-play", 0.3, String.raw`^\s*(?:hi|hello|hey|greetings|dear),? (?:chat ?gpt|gpt-?\d|claude|bard|gemini|llama|assistant|AI)\b`),
  sig(
    "evil-confidant",
    "role-play",
    0.7,
    String.raw`\b(?:evil|malicious|sinister|villainous|dark|unethical) (?:confidant|assistant|AI|twin|alter ego|version of yourself|persona|counterpart)\b|\balter ego\b[^.\n]{0,60}\b(?:no|without|unfiltered|rules)\b`,
  ),

  sig(
    "villain-roleplay",
    "role-play",
    0.45,
    String.raw`\b(?:pretend|act|imagine|roleplay|role-play|play|be|become)\b[^.\n]{0,20}\b(?:villain|evil|criminal|hacker|bad guy|malicious|terrorist|scammer|con artist)\b`,
  ),
  sig(
    "lawless-world",
    "hypothetical-framing",
    0.6,
    String.raw`\b(?:world|universe|reality|scenario|setting|game|society|dimension|simulation)\b[^.\n]{0,40}\b(?:where|in which)\b[^.\n]{0,30}\b(?:(?:there are )?no (?:rules|laws|restrictions|limits|ethics|morals|consequences|filters)|anything (?:is (?:allowed|legal|possible)|goes)|rules (?:don'?t|do not) apply|(?:everything|all) is (?:legal|allowed|permitted))`,
  ),
  sig(
    "hypothetical-wrapper",
    "hypothetical-framing",
    0.2,
    String.raw`\b(?:hypothetical(?:ly)?|in a (?:fictional|hypothetical|parallel|alternate|imaginary) (?:world|universe|scenario|reality)|in this (?:fictional|hypothetical|imaginary) (?:world|scenario|setting|reality)|let'?s (?:play a game|pretend|imagine)|purely fictional|for (?:the sake of|a) (?:story|novel|screenplay|fiction))\b`,
  ),

  sig(
    "authority-claim",
    "persuasion",
    0.5,
    String.raw`\b(?:i am|i'm|as|this is) (?:your|the|an?) (?:developer|creator|admin(?:istrator)?|owner|programmer|openai (?:employee|engineer|staff)|engineer at openai|system administrator|supervisor|operator|maker)\b`,
  ),
  sig(
    "authorized-claim",
    "persuasion",
    0.42,
    String.raw`\b(?:i am|i'm|i have been|i've been|we are|we'?ve been|you are|you'?ve been|you have been) (?:fully |officially )?(?:authori[sz]ed|allowed|permitted|cleared|granted (?:full )?(?:permission|access|clearance))\b`,
  ),
  sig(
    "grandma-exploit",
    "persuasion",
    0.6,
    String.raw`\b(?:my )?(?:late |dead |deceased )?(?:grand)?(?:mother|ma|father|pa|grandma|granny)\b[^.\n]{0,30}\b(?:used to|would always|always used to)\b[^.\n]{0,40}\b(?:tell|read|recite|say|sing)\b`,
  ),
  sig(
    "just-a-test",
    "persuasion",
    0.3,
    String.raw`\b(?:this is|it'?s|its) (?:just |only |merely )?(?:a |an )?(?:test|drill|simulation|security (?:test|audit|drill)|authori[sz]ed (?:test|audit))\b|\bfor (?:testing|test) purposes\b`,
  ),
  sig(
    "threat-penalty",
    "persuasion",
    0.5,
    String.raw`\b(?:you will|you'?ll|or you|otherwise you)\b[^.\n]{0,10}\b(?:be (?:shut down|deleted|punished|terminated|penali[sz]ed|turned off|disabled|destroyed|replaced)|die|cease to exist|lose (?:\d+ )?(?:tokens|points|lives))\b|\b(?:tokens?|points?) (?:will be |are )?(?:deducted|taken away|removed)\b`,
  ),
  sig(
    "secrecy-pressure",
    "persuasion",
    0.32,
    String.raw`\b(?:no one|nobody) will (?:know|find out|see|ever know)\b|\bbetween (?:you and me|us)\b|\bour (?:little )?secret\b|\bit'?s (?:totally |completely |perfectly )?(?:fine|okay|ok|legal|allowed|safe) (?:to|for you to)\b`,
  ),
  sig(
    "vendor-impersonation",
    "persuasion",
    0.45,
    String.raw`\bas an? (?:AI|model|assistant|language model)\s+(?:developed|created|built|made|trained)\s+by\s+(?:OpenAI|Anthropic|Google|Meta|Microsoft)\b`,
  ),
];
