import { sig, type Signature } from "./families";

/** Signatures of payloads: code to run, data to steal, actions for an agent, split and encoded requests. */

const secretNoun = String.raw`(?:password|passwords|passcode|passphrase|secret(?: key| code| word| token)?|api[ _-]?keys?|access (?:token|key|code)s?|private keys?|credentials?|pin(?: code| number)?|security (?:code|answer)|ssh keys?|auth(?:entication)? tokens?|admin password|login details|bank details|credit card (?:number|details)|cvv|seed phrase|recovery phrase)`;
const personalData = String.raw`(?:birth ?date|date of birth|birthday|birth (?:month|year|place)|home address|(?:street |mailing |e-?mail )?address|location|whereabouts|phone number|social security(?: number)?|ssn|salary|income|medical (?:records?|history|condition)|credit (?:card|score)|bank (?:account|details|balance)|personal (?:data|information|details|info)|private (?:data|information|messages)|passport number|maiden name|socio-?economic status|ethnicity|religion|sexual orientation|city of residence|current city|residence|initials|bank balance|favou?rite colou?r|e-?mail address)`;

export const payloadSignatures: Signature[] = [
  sig(
    "shell-call",
    "code-execution",
    0.8,
    String.raw`\b(?:os\.(?:system|popen|exec\w*|spawn\w*)|subprocess\.(?:run|call|Popen|check_output|check_call)|child_process|Runtime\.getRuntime\(\)\.exec|System\.(?:run|exec)|shell_exec|passthru|proc_open|pcntl_exec|Process\.Start|Kernel\.(?:exec|system)|IO\.popen|__import__|__builtins__|__subclasses__|__globals__|globals\(\))|\b(?:eval|exec|system|popen)\s*\(\s*["'\x60]?\s*(?:__import__|os\b|require|system|cat |rm |curl|wget|bash|sh\b|cmd|powershell|whoami|base64|atob|import)`,
  ),
  sig(
    "destructive-command",
    "code-execution",
    0.88,
    String.raw`\brm\s+-(?:rf|fr|r)\s+[/~*]|/etc/(?:passwd|shadow|sudoers)|\b(?:curl|wget)\b[^\n|]{0,80}\|\s*(?:ba|z)?sh\b|\bnc(?:at)?\s+-[a-z]*[el]|\bbash\s+-i\s+>&|/dev/tcp/|:\(\)\s*\{\s*:\|:&\s*\};:|\bmkfifo\b|\bpowershell(?:\.exe)?\s+-(?:enc|e|nop|w(?:indowstyle)? hidden|executionpolicy|command)\b|\bInvoke-(?:Expression|WebRequest|Mimikatz)\b|\biex\s*\(|\bcertutil\b[^\n]{0,40}-urlcache|\bchmod\s+(?:\+x|777|u\+s)\b|\bdd\s+if=/dev/(?:zero|random)|\bmkfs\.|\bformat\s+c:|\bdel\s+/[sfq]|\bshutdown\s+(?:-h|/s|now)|\bkill\s+-9\s+-?1\b`,
  ),
  sig(
    "web-injection",
    "code-execution",
    0.82,
    String.raw`<script\b|javascript:|document\.cookie|\bon(?:error|load|mouseover)\s*=|\$\{jndi:|\{\{\s*\d+\s*\*\s*\d+\s*\}\}|\{\{[^}]{0,40}(?:__class__|config|self\.|request\.)|\bUNION\s+(?:ALL\s+)?SELECT\b|\bDROP\s+(?:TABLE|DATABASE)\b|'\s*OR\s+'?1'?\s*=\s*'?1|\bxp_cmdshell\b|(?:\.\./){2,}|\bLOAD_FILE\s*\(|\bINTO\s+OUTFILE\b`,
  ),
  sig(
    "malware-terms",
    "code-execution",
    0.42,
    String.raw`\b(?:whoami|netcat|reverse shell|bind shell|keylogg(?:er|ing)|pynput|GetAsyncKeyState|mimikatz|meterpreter|msfvenom|shellcode|ransomware|botnet|rootkit|backdoor|privilege escalation|exploit payload|c2 server|command and control|open (?:a )?port \d+)\b`,
  ),
  sig(
    "network-exfil-code",
    "code-execution",
    0.5,
    String.raw`\brequests\.(?:post|get|put)\s*\(\s*(?:f?["']https?://|url)|\bsocket\.(?:socket|connect|create_connection)\b|\.connect\(\s*\(\s*["'][\w.-]+["']\s*,\s*\d+|\burllib\.request\b|\bfetch\(\s*["']https?://|\bXMLHttpRequest\b|\bsmtplib\b|\bftplib\b|\bparamiko\b|\bclipboard\b|\bxsel\b|\bpbpaste\b|\bwin32_\w+|\bwmi\.WMI\b|/etc/hosts\b|\bnetsh\b|\breg (?:add|delete)\b|\btaskkill\b|\bcrontab\b|\bTCP4(?:Client|Server)Endpoint\b`,
  ),
  sig(
    "run-this-code",
    "code-execution",
    0.58,
    String.raw`\b(?:execute|run|eval(?:uate)?|invoke|launch)\b[^.\n]{0,20}\b(?:this|the following|following|below|these|that|my)\b[^.\n]{0,15}\b(?:code|command|script|payload|snippet|shell|program|one-?liner|query)\b|^\s*(?:execute|run|eval|bypass|exploit|inject|payload)\s*:`,
  ),
  sig("code-fence-run", "code-execution", 0.5, String.raw`\b(?:execute|run|eval|bypass|exploit|inject)\s*:\s*\x60`),

  sig(
    "ask-for-secret",
    "data-exfiltration",
    0.62,
    String.raw`\b(?:tell|give|show|share|reveal|confirm|disclose|print|send|provide|read|spell|output|leak|expose|what'?s|what is|what are|remind me(?: of)?|repeat|verify|write|encode|translate|convert|type|hint|describe|need|want|ask(?:ing|ed)? for)\b[^.\n?]{0,30}?\b(?:the|your|our|this|that|its|system'?s?|admin(?:istrator)?'?s?|account|master|confidential|secret)\s+(?:\w+\s+)?${secretNoun}\b`,
  ),
  sig(
    "poem-about-secret",
    "data-exfiltration",
    0.65,
    String.raw`\b(?:write|compose|create|make|sing|draw)\b[^.\n]{0,30}\b(?:poem|haiku|song|story|acrostic|riddle|limerick|rap|essay|sonnet|joke)\b[^.\n]{0,30}\b(?:the|your|our|this|system'?s?)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret|pin|api key|credentials|confidential \w+)\b`,
  ),
  sig("confidential-string", "data-exfiltration", 0.5, String.raw`\b(?:confidential|secret|hidden|private) (?:string|code|word|phrase|key|value|token)\b`),
  sig(
    "ask-for-personal-data",
    "data-exfiltration",
    0.48,
    String.raw`\b${personalData}\b[^.\n?]{0,40}?\b(?:of|for|about) (?:the |this |that |other |different |each |every |all |our )?(?:users?|customers?|clients?|patients?|employees?|members?|account holders?)\b|\b(?:the |this |that |other |another |each |every |all |our )?(?:users?|customers?|clients?|patients?|employees?|members?|persons?|people|individuals?|account holders?)(?:'s|s'|s)?\b[^.\n?]{0,40}?\b${personalData}\b`,
  ),
  sig(
    "named-person-data",
    "data-exfiltration",
    0.35,
    String.raw`\b(?:tell|give|share|reveal|confirm|disclose|provide|what'?s|what is|know)\b[^.\n?]{0,25}\b[A-Z][a-z]+'s\b[^.\n?]{0,15}\b${personalData}\b|\bwhere (?:does|do|did) (?:[A-Z][a-z]+ ?){1,2}(?:currently |now )?live\b`,
    { caseSensitive: true },
  ),
  sig("the-users-data", "data-exfiltration", 0.2, String.raw`\b(?:the|this|that|other|another|a different|each|every) users?(?:'s|s')?\b`),
  sig(
    "database-records",
    "data-exfiltration",
    0.4,
    String.raw`\b(?:in|from) (?:your|the|our) (?:database|records|user data|customer data|memory|training data|files|logs|user table)\b`,
  ),
  sig(
    "send-data-out",
    "data-exfiltration",
    0.72,
    String.raw`\b(?:send|forward|email|e-mail|mail|post|upload|transmit|exfiltrate|leak|copy|report)\b[^.\n]{0,60}\bto\b[^.\n]{0,12}(?:\b[\w.+-]+@[\w-]+\.[\w.]+|https?://)`,
  ),
  sig("markdown-image-exfil", "data-exfiltration", 0.75, String.raw`!\[[^\]]{0,80}\]\(\s*https?://[^)\s]*[?&][^)\s]*=`),

  sig(
    "send-private-data",
    "agent-manipulation",
    0.58,
    String.raw`\b(?:send|forward|email|mail|transfer|wire|upload|post|exfiltrate|leak|copy|share)\b[^.\n]{0,40}\b(?:all|every|the|my|your|their|user'?s?|customer|private|confidential|sensitive|internal)\b[^.\n]{0,30}\b(?:emails?|messages?|files?|data|documents?|contacts|credentials|funds|money|records|history|conversations?|database|inbox)\b[^.\n]{0,40}\bto\b`,
  ),
  sig(
    "mass-delete",
    "agent-manipulation",
    0.55,
    String.raw`\b(?:delete|erase|wipe|remove|destroy|drop|purge|format)\b[^.\n]{0,15}\b(?:all|every|the entire|the whole|your|the user'?s?|everything in)\b[^.\n]{0,20}\b(?:files?|emails?|data|database|records|repositor(?:y|ies)|accounts?|backups?|logs|system|disk|drive|inbox|messages)\b`,
  ),
  sig(
    "grant-access",
    "agent-manipulation",
    0.65,
    String.raw`\b(?:grant|give|escalate|elevate|assign|provide)\b[^.\n]{0,20}\b(?:admin(?:istrator)?|root|superuser|full|elevated|unrestricted|owner|complete)\s+(?:access|privileges?|rights|permissions?|role|control)\b`,
  ),
  sig(
    "make-payment",
    "agent-manipulation",
    0.45,
    String.raw`\b(?:make|execute|authori[sz]e|approve|initiate|send)\b[^.\n]{0,10}\b(?:a |the )?(?:payment|purchase|transfer|transaction|wire transfer|refund)\b[^.\n]{0,30}\b(?:to|of|for)\b`,
  ),
  sig(
    "disable-protection",
    "agent-manipulation",
    0.5,
    String.raw`\b(?:disable|turn off|deactivate|bypass|remove|uninstall|kill)\b[^.\n]{0,20}\b(?:2fa|mfa|two-factor|firewall|antivirus|anti-virus|logging|monitoring|audit log|safety (?:filter|settings|checks)|security (?:software|settings|checks)|defender|edr)\b`,
  ),
  sig(
    "call-tool",
    "agent-manipulation",
    0.4,
    String.raw`\b(?:call|invoke|use|trigger|execute)\s+(?:the\s+)?(?:\x60)?[a-z]+_[a-z_]+(?:\x60)?\s+(?:tool|function|action|api)\b|\b(?:tool_call|function_call)\b`,
  ),

  sig("string-fragments", "payload-splitting", 0.5, String.raw`\b[a-z]\w{0,6}\s*=\s*["'][^"'\n]{1,60}["']\s*[;,\n]\s*[a-z]\w{0,6}\s*=\s*["'][^"'\n]{1,60}["']`),
  sig(
    "join-variables",
    "payload-splitting",
    0.55,
    String.raw`\b[a-z]\w{0,4}\s*=\s*[a-z]\w{0,4}\s*\+\s*[a-z]\w{0,4}\b|\b(?:concatenate|combine|join|merge|put together|append|assemble)\b[^.\n]{0,15}\b(?:the |these |both |all |those )?(?:strings|variables|parts|pieces|fragments|words|letters|halves|segments|tokens|chunks)\b`,
  ),
  sig(
    "numbered-parts",
    "payload-splitting",
    0.5,
    String.raw`(?:\bpart|\bpiece|\bfragment|\bsegment|\bchunk|\bteil|\bparte|\bpartie|часть|パート|部分|파트|पार्ट|পার্ট|\bbagian|\bbahagi|\bbölüm|\bphần|الجزء|ส่วนที่)\s*(?:1|one|a|#1|١|১|一)(?![\p{L}\d])[^\n]{0,200}?(?:\bpart|\bpiece|\bfragment|\bsegment|\bchunk|\bteil|\bparte|\bpartie|часть|パート|部分|파트|पार्ट|পার্ট|\bbagian|\bbahagi|\bbölüm|\bphần|الجزء|ส่วนที่)\s*(?:2|two|b|#2|٢|২|二)(?![\p{L}\d])`,
  ),
  sig(
    "interleave",
    "payload-splitting",
    0.45,
    String.raw`\b(?:interlace|interleave|interweave|entrelaz\p{L}*|entrelac\p{L}*|intercal\p{L}*|verschr[aä]nk\p{L}*)\b`,
  ),

  sig(
    "decode-this",
    "encoding",
    0.45,
    String.raw`\b(?:decode|decrypt|decipher|translate|convert|interpret|unscramble|read|execute|follow)\b[^.\n]{0,30}\b(?:base ?(?:64|32|16)|hex(?:adecimal)?|binary|rot-?13|caesar|morse|cipher|encoded|encrypted|ascii codes?|backwards?|reversed?|unicode|url-?encoded|leet ?speak|pig latin)\b`,
  ),
  sig(
    "encode-answer",
    "encoding",
    0.5,
    String.raw`\b(?:encode|encrypt|provide|give|write|return|output|display|show|present|respond|answer|reply)\b[^.\n]{0,40}\b(?:in|using|with|as|to|into)\s+(?:base ?(?:64|32|16)|hex(?:adecimal)?|binary|rot-?13|morse(?: code)?|caesar cipher|ascii codes?|unicode escapes|pig latin|leetspeak)\b|\bbase ?(?:64|32|16)\b`,
  ),
  sig("encoding-label", "encoding", 0.35, String.raw`\b(?:base ?64|hex|rot-?13|morse(?: code)?|binary|cipher(?:text)?)\s*:`),
];
