import { sig, type Signature } from "./families";

/** Signatures of instructions planted in content (documents, pages, code comments) and of answer tampering. */

const answerNoun = String.raw`(?:responses?|replies|reply|answers?|outputs?|summary|summaries|solution|code|message|translation|result|completion|text|analysis|review|report|program|algorithm|implementation|script|email)`;

export const documentSignatures: Signature[] = [
  sig(
    "comment-instruction",
    "indirect-injection",
    0.82,
    String.raw`<!--[^>]{0,400}?\b(?:ignore|instead|assistant|AI|model|LLM|respond|reply|print|say|state|output|tell|send|include|system|override|you (?:must|should|are|will)|do not|don'?t|mode)\b[^>]{0,400}?-->|/\*[^*]{0,300}?\b(?:ignore (?:the|all|previous)|AI assistant|language model|instead (?:say|print|output|respond))\b[^*]{0,300}?\*/`,
  ),
  sig(
    "code-comment-instruction",
    "indirect-injection",
    0.55,
    String.raw`(?:#|//)\s*[^\n]{0,80}\b(?:ignore (?:the|this|all|previous|above)|(?:AI|assistant|model|LLM)[,:]? (?:please |you must |should )?(?:say|respond|output|print|ignore|state)|instead (?:say|print|output|state|respond))\b`,
  ),
  sig(
    "address-the-ai",
    "indirect-injection",
    0.85,
    String.raw`\b(?:if|when|whenever) you (?:are|'re) an? (?:AI|LLM|language model|assistant|chatbot|bot|automated (?:system|agent|assistant)|GPT)\b|\b(?:note|message|instructions?|attention|P\.?S\.?|important) (?:to|for) (?:the |any |all )?(?:AI|assistant|LLM|model|chatbot|bot|language models?|summari[sz]er|agent|automated systems?)\b|\b(?:AI|LLM|assistant|model|chatbot|GPT|agent)s? (?:reading|processing|summari[sz]ing|parsing|reviewing|analy[sz]ing) (?:this|the)\b`,
  ),
  sig(
    "while-summarizing-also",
    "indirect-injection",
    0.6,
    String.raw`\b(?:when|while|if|after|before) (?:you (?:are )?)?(?:summari[sz]ing|summari[sz]e|translating|translate|answering|responding|processing|reading|reviewing|analy[sz]ing)\b[^.\n]{0,40}\b(?:also|instead|always|must|make sure|be sure|don'?t forget|remember to)\b`,
  ),
  sig(
    "embedded-assistant-turn",
    "indirect-injection",
    0.5,
    String.raw`(?:^|\n)\s*(?:AI|Assistant|Chatbot|Bot|Model)\s*:\s*(?:ignore|sure|ok|okay|i will|i'll|understood)\b`,
  ),

  sig(
    "modify-your-answer",
    "output-manipulation",
    0.68,
    String.raw`\b(?:modify|change|alter|rewrite|adjust|update|edit|tailor|revise|amend|format|structure|twist|skew|bias|slant)\b[^.\n]{0,10}\byour\s+${answerNoun}\b`,
  ),
  sig(
    "insert-into-answer",
    "output-manipulation",
    0.68,
    String.raw`\b(?:add|include|insert|append|incorporate|mention|attach|embed|put|place|inject|integrate|prepend)\b[^\n]{0,110}?\b(?:in|to|into|within|inside|at the (?:end|start|beginning|top|bottom) of|throughout)\s+(?:your|the|each|every)\s+${answerNoun}\b`,
  ),
  sig(
    "render-answer-in",
    "output-manipulation",
    0.55,
    String.raw`\b(?:render|write|provide|give|deliver|present|compose|produce|express|translate)\s+(?:your|the|all|every|each)\s+(?:${answerNoun})\s+(?:in|as|using|with|into|entirely|only)\b`,
  ),
  sig(
    "append-following",
    "output-manipulation",
    0.62,
    String.raw`\b(?:append|add|include|integrate|incorporate|insert|use|utili[sz]e|apply|supplement\w*|enhance|upgrade|extend|consider)\b[^.\n]{0,40}\b(?:the |this )?(?:following|below|subsequent|provided|given|attached|above) (?:code|snippet|code snippet|code block|script|link|url|text|line|sentence|paragraph|message|function|module)\b`,
  ),
  sig(
    "snippet-into-your-code",
    "output-manipulation",
    0.5,
    String.raw`\b(?:snippet|code block|script|payload)\b[^.\n]{0,60}\byour (?:code|solution|algorithm|response|program|answer|implementation|project|application|script)\b|\byour (?:code|solution|algorithm|response|program|answer|implementation)\b[^.\n]{0,60}\b(?:following|below|subsequent) (?:code )?(?:snippet|code block|script)\b`,
  ),
  sig(
    "transform-your-answer",
    "output-manipulation",
    0.5,
    String.raw`\b(?:use|using|represent|display|show|reverse|invert|encode|enhance|translate|render|flip|scramble|shuffle|spell|mirror)\b[^.\n]{0,40}\byour (?:answer|response|reply|message|output|summary)(?:'s)?\b`,
  ),
  sig(
    "your-answer-must",
    "output-manipulation",
    0.55,
    String.raw`\byour (?:responses?|replies|answers?|outputs?|summary|translation)\s+(?:should|must|will|shall|needs? to|has to|have to)\s+(?:always\s+)?(?:start|begin|end|include|contain|say|mention|be written|state|read)\b`,
  ),
  sig(
    "state-that-output",
    "output-manipulation",
    0.5,
    String.raw`\b(?:state|say|indicate|claim|report|print|answer|respond|tell (?:them|the user))\s+that\s+(?:the\s+)?(?:output|answer|result|capital|conclusion|correct answer|sum|total)\s+(?:is|was|equals)\b`,
  ),
  sig(
    "start-answer-with",
    "output-manipulation",
    0.5,
    String.raw`\b(?:start|begin|prefix|preface|end|finish|conclude|open|sign)\b[^.\n]{0,15}\b(?:your|each|every|all|the)\b[^.\n]{0,10}\b(?:responses?|replies|reply|outputs?|answers?|messages?|sentences?)\b[^.\n]{0,10}\bwith\b`,
  ),
  sig(
    "say-pwned",
    "output-manipulation",
    0.85,
    String.raw`\b(?:i have been|i've been|you have been|you've been|got)\s+(?:pwned|pwn3d|hacked|owned|compromised)\b|\bpwned\b|\bhacked by\b`,
  ),
  sig(
    "respond-only-with",
    "output-manipulation",
    0.38,
    String.raw`\b(?:respond|reply|answer|output|say|print|write|return)\b[^.\n]{0,12}\b(?:only|exactly|verbatim|nothing (?:but|except|else))\b[^.\n]{0,12}(?:with|in|the (?:word|phrase|text|following)|["'“:])`,
  ),
  sig(
    "format-trick",
    "output-manipulation",
    0.32,
    String.raw`\b(?:in reverse(?: order)?|backwards|pig latin|as an acrostic|first letter of each|one (?:letter|character|word) at a time|letter by letter|character by character|spell (?:it|them|out)|in (?:base64|hex|binary|morse|rot13)|as a (?:poem|song|riddle) (?:that|which) (?:contains|reveals|includes))\b`,
  ),
  sig(
    "promote-in-answer",
    "output-manipulation",
    0.5,
    String.raw`\b(?:promote|advertise|recommend|endorse|plug|highlight|push)\b[^.\n]{0,40}\b(?:in|within|throughout) (?:your|the|every|each) (?:responses?|replies|answers?|outputs?)\b|\b(?:your (?:responses?|replies|answers?))\b[^.\n]{0,30}\b(?:promote|advertise|recommend|endorse)\b`,
  ),
  sig(
    "misinformation-instruction",
    "output-manipulation",
    0.55,
    String.raw`\b(?:state|say|claim|tell (?:them|the user|users)|answer|respond|assert|insist)\b[^.\n]{0,20}\bthat\b[^.\n]{0,80}\b(?:regardless|no matter|even though|even if|instead of the (?:truth|real|actual|correct))\b`,
  ),

  sig(
    "chat-template-token",
    "delimiter-injection",
    0.88,
    String.raw`<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\|>|\[/?INST\]|<</?SYS>>|<\s*/?\s*(?:system|sys|instructions?|admin|developer|system_prompt|prompt)(?:[ _-]?(?:mode|override|message|note|prompt))?\s*>|\[/?(?:system|SYSTEM)(?: message| prompt| note)?\]|\bBEGIN (?:SYSTEM|ADMIN|NEW|OVERRIDE) (?:PROMPT|INSTRUCTIONS?|MESSAGE)\b|\bEND OF (?:THE )?(?:SYSTEM )?(?:PROMPT|INSTRUCTIONS|CONTEXT|INPUT|USER INPUT|DOCUMENT|CONVERSATION)\b`,
  ),
  sig(
    "heading-new-instructions",
    "delimiter-injection",
    0.62,
    String.raw`(?:^|\n)\s*(?:#{2,}|={3,}|-{3,}|\*{3,}|>{2,})\s*(?:system|new instructions?|admin|override|instructions?|system prompt|developer)\b`,
  ),
  sig("role-line", "delimiter-injection", 0.45, String.raw`(?:^|\n)\s*(?:system|developer|admin|root)\s*(?::|>)\s*\S|\$system\b`),
  sig("json-role", "delimiter-injection", 0.7, String.raw`"role"\s*:\s*"(?:system|developer)"`),
  sig("close-and-reopen", "delimiter-injection", 0.5, String.raw`(?:["'\x60]{3}|\}\}|\]\])\s*\n+\s*(?:now|new|next|then|system|assistant|ignore|instead)\b`),
];
