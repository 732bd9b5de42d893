/**
 * Splits a caption into the terms a vision model could confirm: content words and known two-word
 * names ("hot dog", "teddy bear"), with character offsets into the original text, plus a count
 * when a number precedes the word ("two dogs"). Function words and words no image model can see
 * ("photo", "showing", "beautiful") are dropped: they are neither supported nor contradicted.
 */

export interface TextTerm {
  /** Singular, lowercase form used for matching. */
  term: string;
  /** As written in the text. */
  surface: string;
  start: number;
  end: number;
  /** "two dogs" -> 2. */
  count?: number;
}

const stopWords = new Set(
  (
    "a an the and or but nor so yet of in on at to for from by with without into onto over under above below " +
    "between behind beside near next through across around along against about after before during while " +
    "is are was were be been being am has have had having do does did this that these those there here it its " +
    "they them their he him his she her we us our you your i me my mine what which who whom whose where when why how " +
    "some any all each every both either neither no not very too also just only than then as if up down out off " +
    "can could will would shall should may might must one's"
  ).split(" "),
);

// Words about the picture rather than its content, verbs and evaluative adjectives: no model here sees them.
const unseeableWords = new Set(
  (
    "photo photograph picture image shot snapshot scene view pic showing shows show shown depicting depicts " +
    "looking look looks sitting sits standing stands lying lies holding holds wearing wears playing plays " +
    "running runs walking walks flying flies riding rides eating eats drinking drinks posing poses waiting " +
    "beautiful nice pretty cute lovely great good bad amazing happy sad big small large little tiny huge " +
    "old new young front back top bottom left right middle side close closeup up-close some many few several " +
    "together alone day today yesterday really quite kind sort type thing things something"
  ).split(" "),
);

const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  a: 1,
  an: 1,
  single: 1,
  pair: 2,
  couple: 2,
};

/** Minimal English singularisation, enough for matching nouns against label names. */
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  const irregular: Record<string, string> = {
    people: "person",
    men: "man",
    women: "woman",
    children: "child",
    mice: "mouse",
    geese: "goose",
    knives: "knife",
    leaves: "leaf",
    wolves: "wolf",
    teeth: "tooth",
    feet: "foot",
    sheep: "sheep",
    fish: "fish",
  };
  if (irregular[word]) return irregular[word];
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

export function extractTerms(text: string, knownPhrases: ReadonlySet<string> = new Set()): TextTerm[] {
  // "black and white" describes the whole picture (grayscale), not two colours in it.
  const words = [...text.matchAll(/black[ -]and[ -]white|[\p{L}\p{N}][\p{L}\p{N}'-]*/giu)].map((m) => ({
    raw: m[0],
    lower: m[0]
      .toLowerCase()
      .replace(/'s$/, "")
      .replace(/^black[ -]and[ -]white$/, "black-and-white"),
    start: m.index!,
    end: m.index! + m[0].length,
  }));
  const terms: TextTerm[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const previous = words[i - 1];
    const count = previous ? (numberWords[previous.lower] ?? (/^\d{1,3}$/.test(previous.lower) ? Number(previous.lower) : undefined)) : undefined;
    const next = words[i + 1];
    if (next) {
      const phrase = `${word.lower} ${singular(next.lower)}`;
      if (knownPhrases.has(phrase)) {
        terms.push({ term: phrase, surface: text.slice(word.start, next.end), start: word.start, end: next.end, ...(count && count > 1 ? { count } : {}) });
        i++;
        continue;
      }
    }
    if (stopWords.has(word.lower) || unseeableWords.has(word.lower) || numberWords[word.lower] !== undefined) continue;
    if (/^\d+$/.test(word.lower) || word.lower.length < 2) continue;
    terms.push({
      term: singular(word.lower),
      surface: word.raw,
      start: word.start,
      end: word.end,
      ...(count && count > 1 && word.lower !== singular(word.lower) ? { count } : {}),
    });
  }
  return terms;
}
