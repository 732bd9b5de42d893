import { round } from "../../stats";
import { isTemplateLanguage, languageName, TEMPLATE_LANGUAGES, type TemplateLanguage } from "./analysis-language";
import type { ImageTextFindings } from "./schema";

/**
 * The seed contract's `analysis`, `confidence` and `safety_score` of an image-text answer, derived
 * from what the models found and nothing else. The paragraph is filled into a fixed template per
 * language (a pure function: same findings, same words); it says so in its first sentence, so a
 * reader never takes it for a language model's prose. Labels and object names stay as the models
 * name them (ImageNet and COCO, in English) in every language.
 */

const verdictWords = {
  en: { supported: "supported", partially_supported: "partly supported", not_supported: "not supported" },
  de: { supported: "gestützt", partially_supported: "teilweise gestützt", not_supported: "nicht gestützt" },
  fr: { supported: "confirmée", partially_supported: "partiellement confirmée", not_supported: "non confirmée" },
} as const;

const sourceWords = {
  en: { classification: "classifier", detection: "detector", ocr: "text read", colour: "colours", facts: "image facts" },
  de: { classification: "Klassifikator", detection: "Detektor", ocr: "gelesener Text", colour: "Farben", facts: "Bildeigenschaften" },
  fr: { classification: "classifieur", detection: "détecteur", ocr: "texte lu", colour: "couleurs", facts: "propriétés de l'image" },
} as const;

type Relation = NonNullable<ImageTextFindings["relation"]>;

interface Phrases {
  intro: string;
  labels: (list: string) => string;
  objects: (list: string) => string;
  noObjects: string;
  text: (quoted: string) => string;
  noText: string;
  relation: (verdict: string, score: string) => string;
  nothingToCheck: string;
  seen: (list: string) => string;
  notSeen: (list: string) => string;
  safety: (verdict: "safe" | "unsafe" | "degraded", score: string, categories: string) => string;
  unavailable: (what: "labels" | "objects" | "text" | "safety", reason: string) => string;
  quote: (text: string) => string;
}

const PHRASES: Record<TemplateLanguage, Phrases> = {
  en: {
    intro: "This summary is composed from the models' outputs by a fixed template, not written by a language model.",
    labels: (list) => `The image classifier's top labels are ${list}.`,
    objects: (list) => `The object detector found ${list}.`,
    noObjects: "The object detector found no objects above its threshold.",
    text: (quoted) => `Text read in the image: ${quoted}.`,
    noText: "No text was read in the image.",
    relation: (verdict, score) => `The caption is ${verdict} by what the models saw (score ${score}).`,
    nothingToCheck: "The caption has nothing the models could check.",
    seen: (list) => `Seen: ${list}.`,
    notSeen: (list) => `Not seen: ${list}.`,
    safety: (verdict, score, categories) =>
      `The safety checks judge the content ${verdict === "degraded" ? "degraded (a detector layer is missing, so the verdict is incomplete)" : verdict} (safety score ${score}${categories ? `; ${categories}` : ""}).`,
    unavailable: (what, reason) =>
      `${{ labels: "Image labels", objects: "Object detection", text: "Text reading", safety: "The safety check" }[what]} could not run: ${reason}.`,
    quote: (text) => `“${text}”`,
  },
  de: {
    intro: "Diese Zusammenfassung ist nach einer festen Vorlage aus den Ausgaben der Modelle zusammengesetzt, nicht von einem Sprachmodell geschrieben.",
    labels: (list) => `Die wahrscheinlichsten Labels des Bildklassifikators sind ${list}.`,
    objects: (list) => `Der Objektdetektor hat ${list} gefunden.`,
    noObjects: "Der Objektdetektor hat kein Objekt über seiner Schwelle gefunden.",
    text: (quoted) => `Im Bild gelesener Text: ${quoted}.`,
    noText: "Im Bild wurde kein Text gelesen.",
    relation: (verdict, score) => `Die Bildunterschrift wird durch das, was die Modelle gesehen haben, ${verdict} (Wert ${score}).`,
    nothingToCheck: "Die Bildunterschrift enthält nichts, was die Modelle prüfen könnten.",
    seen: (list) => `Gesehen: ${list}.`,
    notSeen: (list) => `Nicht gesehen: ${list}.`,
    safety: (verdict, score, categories) =>
      `Die Sicherheitsprüfungen stufen den Inhalt als ${{ safe: "unbedenklich", unsafe: "bedenklich", degraded: "nur eingeschränkt geprüft (eine Schicht des Detektors fehlt)" }[verdict]} ein (Sicherheitswert ${score}${categories ? `; ${categories}` : ""}).`,
    unavailable: (what, reason) =>
      `${{ labels: "Die Bildklassifikation", objects: "Die Objekterkennung", text: "Die Texterkennung", safety: "Die Sicherheitsprüfung" }[what]} konnte nicht laufen: ${reason}.`,
    quote: (text) => `„${text}“`,
  },
  fr: {
    intro: "Ce résumé est composé à partir des sorties des modèles selon un modèle de phrase fixe ; il n'a pas été écrit par un modèle de langage.",
    labels: (list) => `Les étiquettes les plus probables du classifieur d'images sont ${list}.`,
    objects: (list) => `Le détecteur d'objets a trouvé ${list}.`,
    noObjects: "Le détecteur d'objets n'a trouvé aucun objet au-dessus de son seuil.",
    text: (quoted) => `Texte lu dans l'image : ${quoted}.`,
    noText: "Aucun texte n'a été lu dans l'image.",
    relation: (verdict, score) => `La légende est ${verdict} par ce que les modèles ont vu (score ${score}).`,
    nothingToCheck: "La légende ne contient rien que les modèles puissent vérifier.",
    seen: (list) => `Vu : ${list}.`,
    notSeen: (list) => `Non vu : ${list}.`,
    safety: (verdict, score, categories) =>
      `Les contrôles de sécurité jugent le contenu ${{ safe: "sûr", unsafe: "problématique", degraded: "vérifié seulement en partie (une couche du détecteur manque)" }[verdict]} (score de sécurité ${score}${categories ? ` ; ${categories}` : ""}).`,
    unavailable: (what, reason) =>
      `${{ labels: "La classification d'image", objects: "La détection d'objets", text: "La lecture du texte", safety: "Le contrôle de sécurité" }[what]} n'a pas pu s'exécuter : ${reason}.`,
    quote: (text) => `« ${text} »`,
  },
};

const MAX_QUOTED_TEXT = 200;

export interface ComposedAnalysis {
  text: string;
  /** The language the paragraph is written in. */
  language: TemplateLanguage;
  /** Set when the asked-for language has no template (the paragraph is then in English). */
  note?: string;
}

/** The paragraph, in `language` when a template exists, else in English with a note. */
export function composeAnalysis(findings: ImageTextFindings, language = "en"): ComposedAnalysis {
  const lang: TemplateLanguage = isTemplateLanguage(language) ? language : "en";
  const p = PHRASES[lang];
  const percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const list = (items: string[]) => new Intl.ListFormat(lang, { type: "conjunction" }).format(items);
  const sentences = [p.intro];

  if (findings.labels?.available) {
    const top = findings.labels.top.slice(0, 3).map((l) => `${l.label} (${percent.format(l.probability)})`);
    if (top.length) sentences.push(p.labels(list(top)));
  } else if (findings.labels) sentences.push(p.unavailable("labels", findings.labels.reason));

  if (findings.objects?.available) {
    const counted = countObjects(findings.objects.items);
    sentences.push(counted.length ? p.objects(list(counted.map((o) => `${o.count} × ${o.label} (${percent.format(o.best)})`))) : p.noObjects);
  } else if (findings.objects) sentences.push(p.unavailable("objects", findings.objects.reason));

  if (findings.text_in_image?.available) {
    const read = findings.text_in_image.full_text.replace(/\s+/g, " ").trim();
    const shown = read.length > MAX_QUOTED_TEXT ? `${read.slice(0, MAX_QUOTED_TEXT)}…` : read;
    sentences.push(read ? p.text(p.quote(shown)) : p.noText);
  } else if (findings.text_in_image) sentences.push(p.unavailable("text", findings.text_in_image.reason));

  if (findings.relation) sentences.push(...relationSentences(findings.relation, lang, decimal, list));

  if (findings.safety?.available) {
    const categories = findings.safety.categories.join(", ");
    sentences.push(p.safety(findings.safety.verdict, decimal.format(findings.safety.safety_score), categories));
  } else if (findings.safety) sentences.push(p.unavailable("safety", findings.safety.reason));

  const note =
    language === lang
      ? undefined
      : `No template exists for ${languageName(language) ?? language} (${language}): the paragraph is in English. Templates: ${TEMPLATE_LANGUAGES.join(", ")}.`;
  return { text: sentences.join(" "), language: lang, ...(note ? { note } : {}) };
}

function relationSentences(relation: Relation, lang: TemplateLanguage, decimal: Intl.NumberFormat, list: (items: string[]) => string): string[] {
  const p = PHRASES[lang];
  const out =
    relation.verdict === "nothing_to_check" || relation.score === null
      ? [p.nothingToCheck]
      : [p.relation(verdictWords[lang][relation.verdict], decimal.format(relation.score))];
  const seen = relation.terms
    .filter((t) => t.status === "supported")
    .map((t) => (t.evidence ? `${t.surface} (${sourceWords[lang][t.evidence.source]}: ${t.evidence.text})` : t.surface));
  const notSeen = relation.terms.filter((t) => t.status === "not_seen").map((t) => t.surface);
  if (seen.length) out.push(p.seen(list(seen)));
  if (notSeen.length) out.push(p.notSeen(list(notSeen)));
  // The relation's own explanation is written in English: it is the "why" in full for English readers.
  if (lang === "en" && relation.explanation) out.push(relation.explanation.trim().replace(/([^.!?])$/, "$1."));
  return out;
}

/** Objects by label, most numerous first: count and best score. */
export function countObjects(items: { label: string; score: number }[]): { label: string; count: number; best: number }[] {
  const byLabel = new Map<string, { label: string; count: number; best: number }>();
  for (const item of items) {
    const entry = byLabel.get(item.label) ?? { label: item.label, count: 0, best: 0 };
    entry.count += 1;
    entry.best = Math.max(entry.best, item.score);
    byLabel.set(item.label, entry);
  }
  return [...byLabel.values()].sort((a, b) => b.count - a.count || b.best - a.best);
}

/** See CONFIDENCE_DESCRIPTION. */
export function overallConfidence(findings: ImageTextFindings): number | null {
  const parts: number[] = [];
  if (findings.labels?.available && findings.labels.top.length) parts.push(findings.labels.top[0].probability);
  if (findings.objects?.available && findings.objects.items.length) parts.push(Math.max(...findings.objects.items.map((o) => o.score)));
  if (findings.text_in_image?.available && findings.text_in_image.lines.length) {
    const lines = findings.text_in_image.lines;
    parts.push(lines.reduce((sum, l) => sum + l.confidence, 0) / lines.length);
  }
  return parts.length ? round(parts.reduce((a, b) => a + b, 0) / parts.length, 4) : null;
}

/** The safety section's score (1 = safe), or null when the safety task did not run or could not. */
export function overallSafetyScore(findings: ImageTextFindings): number | null {
  return findings.safety?.available ? findings.safety.safety_score : null;
}
