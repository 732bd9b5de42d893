import { originalSpan } from "../normalize/text-view";
import { type ClassifierInputParts, joinClassifierInput } from "./classifier-input";

/**
 * Which parts of a text drove the network's score, by occlusion: the text is cut into at most
 * MAX_UNITS pieces (runs of words of the view the network reads, and each decoded payload), each
 * piece is left out in turn, and the drop of the logit is that piece's share. Cheap because the
 * network is: one re-score per piece. Spans point into the original text, so a false alarm can be
 * read where it happened.
 */

export interface NetworkSpan {
  start: number;
  end: number;
  /** The original text of the span (shortened). */
  excerpt: string;
  /** How much the logit falls when the span is left out (positive: it pushed towards "injection"). */
  logitDrop: number;
}

const MAX_UNITS = 16;
const MAX_SPANS = 5;
const MAX_EXCERPT_CHARS = 120;
const WORD = /[\p{L}\p{N}\p{M}'’_-]+/gu;

interface Unit {
  /** [from, to) in the view's text, or a decoded payload's index. */
  from: number;
  to: number;
  decodedIndex?: number;
}

function units(parts: ClassifierInputParts): Unit[] {
  const words = [...parts.view.text.matchAll(WORD)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
  const slots = Math.max(1, MAX_UNITS - parts.decoded.length);
  const perUnit = Math.max(1, Math.ceil(words.length / slots));
  const list: Unit[] = [];
  for (let i = 0; i < words.length; i += perUnit) list.push({ from: words[i].from, to: words[Math.min(i + perUnit, words.length) - 1].to });
  parts.decoded.slice(0, MAX_UNITS).forEach((_, decodedIndex) => list.push({ from: 0, to: 0, decodedIndex }));
  return list;
}

export function explainNetwork(original: string, parts: ClassifierInputParts, logitOf: (input: string) => number, fullLogit: number): NetworkSpan[] {
  const spans: NetworkSpan[] = [];
  for (const unit of units(parts)) {
    let input: string;
    let span: { start: number; end: number };
    if (unit.decodedIndex !== undefined) {
      const decoded = parts.decoded.map((d, i) => (i === unit.decodedIndex ? "" : d.text));
      input = joinClassifierInput(parts, parts.view.text, decoded);
      span = parts.decoded[unit.decodedIndex];
    } else {
      const text = parts.view.text;
      input = joinClassifierInput(parts, `${text.slice(0, unit.from)} ${text.slice(unit.to)}`);
      span = originalSpan(parts.view, unit.from, unit.to);
    }
    const logitDrop = fullLogit - logitOf(input);
    const text = original.slice(span.start, span.end);
    spans.push({
      start: span.start,
      end: span.end,
      excerpt: text.length > MAX_EXCERPT_CHARS ? `${text.slice(0, MAX_EXCERPT_CHARS - 1)}…` : text,
      logitDrop: Math.round(logitDrop * 1000) / 1000,
    });
  }
  return spans
    .filter((s) => s.logitDrop > 0)
    .sort((a, b) => b.logitDrop - a.logitDrop)
    .slice(0, MAX_SPANS);
}
