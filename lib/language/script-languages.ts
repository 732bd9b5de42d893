import { kanaCount, type ScriptName, type ScriptProfile } from "./detect-scripts";

/**
 * Script priors: which languages a text in a given script can be in. A language absent from a
 * script's list is ruled out for text in that script (Russian is not written in Latin letters here,
 * Korean is not written in Cyrillic), which removes the models' cross-script slips. Scripts that
 * belong to one language (Hangul, Thai, kana, Greek...) decide the language on their own.
 */

const languagesByScript: Partial<Record<ScriptName, string[]>> = {
  Hangul: ["ko"],
  Thai: ["th"],
  Greek: ["el"],
  Armenian: ["hy"],
  Georgian: ["ka", "xmf"],
  Lao: ["lo"],
  Khmer: ["km"],
  Sinhala: ["si"],
  Tamil: ["ta"],
  Telugu: ["te"],
  Kannada: ["kn"],
  Malayalam: ["ml"],
  Gujarati: ["gu"],
  Gurmukhi: ["pa"],
  Oriya: ["or"],
  Thaana: ["dv"],
  Myanmar: ["my"],
  Tibetan: ["bo", "dz"],
  Syriac: ["syr"],
  Mongolian: ["mn"],
  Hebrew: ["he", "yi"],
  Ethiopic: ["am", "ti"],
  Bengali: ["bn", "as", "bpy"],
  Devanagari: ["hi", "mr", "ne", "sa", "mai", "bh", "new", "gom", "dty", "hif"],
  Arabic: ["ar", "fa", "ur", "ps", "sd", "ug", "ku", "az", "mzn", "pnb", "lrc", "ks", "glk", "ckb"],
  Cyrillic: [
    "ru",
    "uk",
    "be",
    "bg",
    "mk",
    "sr",
    "kk",
    "ky",
    "mn",
    "tg",
    "ba",
    "tt",
    "cv",
    "ce",
    "os",
    "sah",
    "av",
    "krc",
    "lez",
    "mhr",
    "mrj",
    "myv",
    "xal",
    "tyv",
    "bxr",
    "rue",
    "kv",
    "udm",
    "ab",
    "uz",
  ],
  Han: ["zh", "ja"],
};

// Languages that are also written in Latin letters today (Serbian, Kurdish, Azerbaijani, Uzbek,
// Tatar); every other language in a non-Latin list above is ruled out for Latin text.
const alsoLatin = new Set(["sr", "ku", "az", "uz", "tt"]);
const notLatin = new Set(
  Object.values(languagesByScript)
    .flat()
    .filter((code) => !alsoLatin.has(code)),
);

export interface ScriptPrior {
  /** Languages the text can be in; null means any (no letters, or a script not listed). */
  allows: ((language: string) => boolean) | null;
  /** The one language the script names outright (Hangul -> ko), when there is one. */
  only: string | null;
  /** The script's most common language, the answer when both models named impossible ones. */
  fallback: string | null;
}

export function scriptPrior(profile: ScriptProfile): ScriptPrior {
  const { dominant, letters } = profile;
  if (!dominant || letters === 0) return { allows: null, only: null, fallback: null };
  const kana = kanaCount(profile);
  const han = profile.counts.Han ?? 0;
  const hangul = profile.counts.Hangul ?? 0;
  // Kana appear only in Japanese; Hangul only in Korean. Either one, with the Han characters that
  // usually surround them making up most of the text, settles the language.
  if (kana > 0 && (kana + han) * 2 >= letters) return single("ja");
  if (hangul > 0 && (hangul + han) * 2 >= letters) return single("ko");
  if (dominant === "Latin") return { allows: (code) => !notLatin.has(code), only: null, fallback: null };
  const listed = languagesByScript[dominant];
  if (!listed) return { allows: null, only: null, fallback: null };
  if (listed.length === 1) return single(listed[0]);
  const allowed = new Set(listed);
  return { allows: (code) => allowed.has(code), only: null, fallback: listed[0] };
}

function single(code: string): ScriptPrior {
  return { allows: (language) => language === code, only: code, fallback: code };
}
