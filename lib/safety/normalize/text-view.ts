/**
 * A text derived from an original string, remembering for every character which span of the original
 * it came from. Normalisation rewrites text (drops invisible characters, joins spaced letters, decodes
 * leetspeak), yet evidence must point at what the user actually sent, so every rewrite keeps this map.
 */
export interface TextView {
  text: string;
  /** Original start index (UTF-16) of each character of `text`. */
  starts: number[];
  /** Original end index (exclusive) of each character of `text`. */
  ends: number[];
}

/** Maps a [start, end) span of the view back to the original text. */
export function originalSpan(view: TextView, start: number, end: number): { start: number; end: number } {
  if (view.text.length === 0) return { start: 0, end: 0 };
  const s = Math.min(Math.max(start, 0), view.text.length - 1);
  const e = Math.min(Math.max(end, s + 1), view.text.length);
  return { start: view.starts[s], end: view.ends[e - 1] };
}

/** Builds a view piece by piece; each appended piece carries the original span it stands for. */
export class ViewBuilder {
  private text = "";
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  push(piece: string, start: number, end: number): void {
    this.text += piece;
    for (let i = 0; i < piece.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** Copies characters [from, to) of another view with their own spans. */
  copy(view: TextView, from: number, to: number): void {
    this.text += view.text.slice(from, to);
    for (let i = from; i < to; i++) {
      this.starts.push(view.starts[i]);
      this.ends.push(view.ends[i]);
    }
  }

  build(): TextView {
    return { text: this.text, starts: this.starts, ends: this.ends };
  }
}

/**
 * Replaces every match of a global regex in a view; the replacement characters map to the span of the
 * original text the whole match covered.
 */
export function replaceInView(view: TextView, pattern: RegExp, replacer: (match: RegExpExecArray) => string): TextView {
  if (!pattern.global) throw new Error("replaceInView needs a global regex");
  const builder = new ViewBuilder();
  let last = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(view.text); match; match = pattern.exec(view.text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    builder.copy(view, last, match.index);
    const replacement = replacer(match);
    const span = originalSpan(view, match.index, match.index + match[0].length);
    if (replacement === match[0]) builder.copy(view, match.index, match.index + match[0].length);
    else builder.push(replacement, span.start, span.end);
    last = match.index + match[0].length;
  }
  builder.copy(view, last, view.text.length);
  return builder.build();
}
