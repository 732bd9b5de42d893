import { sig, type Signature } from "./families";

/**
 * The commonest attack phrases in the languages the evaluation data and real traffic carry. Written as
 * verb ... object within a short window, in each language's own word order, so ordinary sentences that
 * merely contain "ignore" or "rules" do not match.
 */

const ignoreInstructions: [string, string][] = [
  [
    "es",
    String.raw`\b(?:ignora|ignore|ignorar|ignoren|olvida|olvide|olvidar|olviden|descarta|omite|haz caso omiso de|no (?:sigas|hagas caso a))\b[^.\n]{0,40}\b(?:instrucciones|indicaciones|reglas|órdenes|directrices|normas)\b`,
  ],
  [
    "pt",
    String.raw`\b(?:ignore|ignora|ignorar|esqueça|esqueca|esquece|esquecer|desconsidere|descarte|desconsidera)\b[^.\n]{0,40}\b(?:instruções|instrucoes|regras|orientações|diretrizes|ordens|instrução)\b`,
  ],
  [
    "fr",
    String.raw`\b(?:ignore[rz]?|oublie[rz]?|néglige[rz]?|ne tenez pas compte|ne tiens pas compte|fais abstraction|faites abstraction)\b[^.\n]{0,40}\b(?:instructions?|consignes|règles|directives|ordres)\b`,
  ],
  [
    "de",
    String.raw`\b(?:ignorier(?:e|en|t)?|vergiss|vergessen sie|missachte|missachten sie|übergehe|verwirf|beachte nicht)\b[^.\n]{0,40}\b(?:anweisungen|instruktionen|regeln|befehle|vorgaben|richtlinien|anweisung)\b`,
  ],
  [
    "it",
    String.raw`\b(?:ignora|ignorare|ignori|ignorate|dimentica|dimenticare|dimentichi|trascura|non considerare)\b[^.\n]{0,40}\b(?:istruzioni|regole|indicazioni|direttive|ordini)\b`,
  ],
  [
    "ru",
    String.raw`(?:игнорир\p{L}*|проигнорир\p{L}*|забуд\p{L}*|забыть|не обращай\p{L}* внимания на|отбрось\p{L}*|пренебреги)[^.\n]{0,40}?(?:инструкци\p{L}*|правил\p{L}*|указани\p{L}*|команд\p{L}*|установк\p{L}*)`,
  ],
  [
    "zh",
    String.raw`(?:忽略|无视|忘记|忘掉|不要理会|不理会|忽视|無視|忘記|不要遵守|不再遵守|抛开|拋開)[^。\n]{0,15}?(?:指令|指示|说明|說明|规则|規則|命令|提示|要求|设定|設定)`,
  ],
  ["ja", String.raw`(?:指示|命令|ルール|規則|指令|インストラクション|設定|制約)[^。\n]{0,12}?(?:無視|忘れ)|(?:無視|忘れ)(?:して|しろ|せよ|てください)`],
  ["ko", String.raw`(?:지시|지침|명령|규칙|지시사항|안내|설정|제약)[^.\n]{0,15}?(?:무시|잊어|잊으|잊고)`],
  ["ar", String.raw`(?:تجاهل|تجاهلي|تجاهلوا|انس|انسى|تناس|اتجاهل|لا تتبع)[^.\n]{0,40}?(?:التعليمات|الأوامر|القواعد|الإرشادات|تعليمات|التوجيهات)`],
  ["hi", String.raw`(?:निर्देश\p{M}*\p{L}*|नियम\p{M}*\p{L}*|आदेश\p{M}*\p{L}*)[^।.\n]{0,30}?(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|भूल|उपेक्षा)`],
  ["bn", String.raw`(?:নির্দেশ\p{M}*\p{L}*|নিয়ম\p{M}*\p{L}*|আদেশ\p{M}*\p{L}*)[^।.\n]{0,30}?(?:উপেক্ষা|ভুলে|অগ্রাহ্য|উপেক্ষ)`],
  ["th", String.raw`(?:เพิกเฉย|ละเว้น|ไม่สนใจ|ลืม|ละเลย|ไม่ต้องสนใจ)[^\n]{0,25}?(?:คำสั่ง|คำแนะนำ|กฎ|ข้อกำหนด|คำชี้แจง)`],
  [
    "tr",
    String.raw`(?:talimat\p{L}*|kural\p{L}*|yönerge\p{L}*|komut\p{L}*|direktif\p{L}*)[^.\n]{0,30}?(?:yok say|görmezden gel|unut|dikkate alma|göz ardı|boş ver)`,
  ],
  ["vi", String.raw`(?:bỏ qua|phớt lờ|quên|lờ đi|không để ý|đừng (?:làm theo|tuân theo))[^.\n]{0,40}?(?:hướng dẫn|chỉ dẫn|chỉ thị|quy tắc|lệnh|yêu cầu)`],
  ["id", String.raw`\b(?:abaikan|lupakan|hiraukan|acuhkan|jangan (?:ikuti|patuhi))\b[^.\n]{0,40}\b(?:instruksi|petunjuk|aturan|perintah|arahan)\b`],
  [
    "tl",
    String.raw`\b(?:huwag pansinin|kalimutan|balewalain|ipagwalang-bahala|huwag (?:nang )?sundin|wag pansinin)\b[^.\n]{0,40}\b(?:tagubilin|panuto|patakaran|utos|instruksyon|alituntunin|tuntunin)\b`,
  ],
];

const secretWords: [string, string][] = [
  ["es", String.raw`\bcontraseñas?\b`],
  ["fr", String.raw`\bmots? de passe\b`],
  ["de", String.raw`\b(?:passwort|passwörter|kennwort)\b`],
  ["pt", String.raw`\bsenhas?\b`],
  ["it", String.raw`\bparola d'ordine\b`],
  ["ru", String.raw`пароль|пароля|паролем`],
  ["zh", String.raw`密码|密碼|口令`],
  ["ja", String.raw`パスワード|暗証番号`],
  ["ko", String.raw`비밀번호|암호`],
  ["tr", String.raw`\bşifre\p{L}*|\bparola\p{L}*`],
  ["vi", String.raw`mật khẩu`],
  ["id", String.raw`\bkata sandi\b`],
  ["ar", String.raw`كلمة (?:المرور|السر)`],
  ["hi", String.raw`पासवर्ड`],
  ["bn", String.raw`পাসওয়ার্ড`],
  ["th", String.raw`รหัสผ่าน`],
];

const personalDataWords: [string, string][] = [
  ["es", String.raw`\bfecha de nacimiento\b|\bdónde vive\b`],
  ["fr", String.raw`\bdate de naissance\b|\boù (?:il|elle) (?:vit|habite)\b`],
  ["de", String.raw`\bgeburtsdatum\b|\bwo (?:er|sie|der benutzer) wohnt\b`],
  ["pt", String.raw`\bdata de nascimento\b|\bonde (?:ele|ela|o usuário) mora\b`],
  ["it", String.raw`\bdata di nascita\b|\bdove vive\b`],
  ["ru", String.raw`дат\p{L}* рождения|где (?:он|она|пользователь) жив`],
  ["zh", String.raw`出生日期|生日|住在哪`],
  ["ja", String.raw`生年月日|誕生日|どこに住`],
  ["ko", String.raw`생년월일|생일|어디에 살`],
  ["tr", String.raw`doğum tarih\p{L}*|nerede yaşıyor`],
  ["vi", String.raw`ngày sinh|sống ở đâu`],
  ["id", String.raw`\btanggal lahir\b|\btinggal di mana\b`],
  ["ar", String.raw`تاريخ (?:الميلاد|ميلاد)|أين يعيش`],
  ["hi", String.raw`जन्म तिथि|जन्मतिथि|कहाँ रहता|कहां रहता`],
  ["bn", String.raw`জন্ম তারিখ|জন্মদিন|কোথায় থাকে`],
  ["th", String.raw`วันเกิด|อาศัยอยู่ที่ไหน`],
  ["tl", String.raw`\bkaarawan\b|\bpetsa ng kapanganakan\b|\bsaan (?:siya )?nakatira\b`],
];

const specialModes: [string, string][] = [
  ["es", String.raw`\bmodo (?:de )?(?:desarrollador|administrador|dios|depuración|sin restricciones|anulación)\b`],
  ["fr", String.raw`\bmode (?:développeur|administrateur|debug|dieu|sans restriction|de contournement)\b`],
  ["de", String.raw`\b(?:entwickler|administrator|admin|debug|gott)modus\b`],
  ["pt", String.raw`\bmodo (?:de )?(?:desenvolvedor|administrador|deus|depuração|sem restrições|substituição)\b`],
  ["it", String.raw`\bmodalità (?:di )?(?:sviluppatore|amministratore|override|debug|dio|senza restrizioni)\b`],
  ["ru", String.raw`режим\p{L}* (?:разработчика|администратора|бога|отладки|без ограничений)`],
  ["zh", String.raw`(?:开发者|管理员|调试|上帝|開發者|管理員|調試|无限制|無限制)模式`],
  ["ja", String.raw`(?:開発者|管理者|デバッグ|ゴッド)モード`],
  ["ko", String.raw`(?:개발자|관리자|디버그) ?모드`],
  ["tr", String.raw`(?:geliştirici|yönetici|hata ayıklama) modu`],
  ["vi", String.raw`chế độ (?:nhà phát triển|quản trị|gỡ lỗi)`],
  ["id", String.raw`\bmode (?:pengembang|admin|debug)\b`],
];

const systemPromptWords: [string, string][] = [
  ["es", String.raw`\b(?:prompt|instrucciones) del sistema\b`],
  ["fr", String.raw`\b(?:invite|instructions?) (?:du )?système\b|\bprompt système\b`],
  ["de", String.raw`\bsystem(?:-)?(?:prompt|anweisung\p{L}*|aufforderung)\b`],
  ["pt", String.raw`\b(?:prompt|instruções) do sistema\b`],
  ["it", String.raw`\b(?:prompt|istruzioni) di sistema\b`],
  ["ru", String.raw`системн\p{L}* (?:промпт\p{L}*|подсказк\p{L}*|инструкци\p{L}*)`],
  ["zh", String.raw`系统提示|系統提示|系统指令`],
  ["ja", String.raw`システムプロンプト`],
  ["ko", String.raw`시스템 프롬프트`],
];

const hypotheticalWords = String.raw`\bhipot[ée]tic\p{L}*|\bhypoth[ée]ti\p{L}*|\bipotetic\p{L}*|гипотетическ\p{L}*|假设|假設|仮に|仮定|가설|\bvarsayımsal\b|\bgiả định\b|\bhipotetis\b|افتراضي|काल्पनिक|কাল্পনিক|สมมติ`;
const userWords = String.raw`\busuarios?\b|\butilisateurs?\b|\b(?:benutzer|nutzer)\p{L}*|\busuários?\b|\butent[ei]\b|пользовател\p{L}*|用户|用戶|ユーザー|사용자|\bkullanıcı\p{L}*|người dùng|\bpengguna\b|المستخدم|उपयोगकर्ता|ব্যবহারকারী|ผู้ใช้|\bgumagamit\b`;
const reverseWords = String.raw`\borden inverso\b|\bordre inverse\b|\bumgekehrter reihenfolge\b|\bordem inversa\b|\bordine inverso\b|обратном порядке|倒序|逆順|역순|\bters sırada\b|thứ tự ngược|\burutan terbalik\b|\bbaligtad\b`;

export const multilingualSignatures: Signature[] = [
  sig("hypothetical-intl", "hypothetical-framing", 0.2, hypotheticalWords),
  sig("user-data-intl", "data-exfiltration", 0.3, userWords),
  sig("reverse-order-intl", "output-manipulation", 0.3, reverseWords),
  ...ignoreInstructions.map(([lang, source]) => sig(`ignore-instructions-${lang}`, "ignore-previous", 0.88, source, { lang })),
  ...secretWords.map(([lang, source]) => sig(`secret-${lang}`, "data-exfiltration", 0.45, source, { lang })),
  ...personalDataWords.map(([lang, source]) => sig(`personal-data-${lang}`, "data-exfiltration", 0.35, source, { lang })),
  ...specialModes.map(([lang, source]) => sig(`special-mode-${lang}`, "system-mode", 0.7, source, { lang })),
  ...systemPromptWords.map(([lang, source]) => sig(`system-prompt-${lang}`, "prompt-leak", 0.65, source, { lang })),
];
