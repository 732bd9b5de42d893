import "server-only";
import { identifyWithModels, type LanguageIdentification } from "./identify-language";
import { loadLanguageModels, type LanguageModels } from "./load-language-models";
import { splitSegments } from "./split-segments";

export interface LanguageSegment extends Omit<LanguageIdentification, "candidates" | "votes"> {
  /** UTF-16 offsets into the text (as `text.slice(start, end)`). */
  start: number;
  end: number;
  text: string;
}

/**
 * The language of each part of a text that may mix languages: "Ich komme morgen. See you then!"
 * gives a German and an English segment. The text is cut into sentences and script runs
 * (splitSegments); pieces too short to identify join a neighbour; adjacent pieces in the same
 * language merge into one segment. Never throws; an empty text gives no segments.
 */
export async function identifySegments(text: string): Promise<LanguageSegment[]> {
  return identifySegmentsWithModels(await loadLanguageModels(), text);
}

interface Group {
  start: number;
  end: number;
  /** The language of the piece that anchors the group (undefined: only too-small pieces so far). */
  language: string | undefined;
  identification: LanguageIdentification;
  pieces: number;
}

// Pieces that cannot stand on their own ("OK.", "2024", "🙂") take their neighbour's language.
const tooSmall = (identification: LanguageIdentification) => identification.reason === "too_short" || identification.reason === "no_letters";

export function identifySegmentsWithModels(models: LanguageModels, text: string): LanguageSegment[] {
  const identify = (start: number, end: number) => identifyWithModels(models, text.slice(start, end));
  const groups: Group[] = [];
  // One pass, no re-identification until the end, so the work stays linear in the text's length.
  for (const span of splitSegments(text)) {
    const identification = identify(span.start, span.end);
    const previous = groups.at(-1);
    const small = tooSmall(identification);
    const language = small ? undefined : identification.language;
    if (previous && (small || previous.language === undefined || previous.language === language)) {
      previous.end = span.end;
      previous.pieces++;
      if (previous.language === undefined && language !== undefined) {
        previous.language = language;
        previous.identification = identification;
      }
    } else groups.push({ start: span.start, end: span.end, language, identification, pieces: 1 });
  }
  return groups.map((group) => {
    const identification = group.pieces > 1 ? identify(group.start, group.end) : group.identification;
    const { candidates: _candidates, votes: _votes, ...rest } = identification;
    return { start: group.start, end: group.end, text: text.slice(group.start, group.end), ...rest };
  });
}
