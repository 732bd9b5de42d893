import "server-only";
import type { LoadedModel } from "../session-pool";
import { isUncertain, pageVotes, quarterTurnsFromVotes } from "./choose-page-rotation";
import { cropMargins, padQuad } from "./crop-line";
import { recognitionSettings } from "./ocr-settings";
import { axisBox, type Quad } from "./quad-geometry";
import type { KnownReads } from "./read-lines";
import { recognizeLines } from "./recognize-lines";
import type { QuarterTurns, RgbImage } from "./rgb-image";

/**
 * The page's orientation from the detected lines (tall or wide) and the direction classifier's
 * votes; when the vote is close, the longest lines are read both ways and the surer reading wins.
 * Those readings are handed back by line index, so the page's own reading does not repeat them.
 */
export async function orientPage(
  image: RgbImage,
  quads: Quad[],
  upsideDownProbabilities: number[],
  recognition: { model: LoadedModel; symbols: readonly string[] },
): Promise<{ turns: QuarterTurns; recognizeMs: number; reads: KnownReads }> {
  if (quads.length === 0) return { turns: 0, recognizeMs: 0, reads: new Map() };
  const votes = pageVotes(quads, upsideDownProbabilities);
  if (!isUncertain(votes)) return { turns: quarterTurnsFromVotes(votes), recognizeMs: 0, reads: new Map() };
  const margins = cropMargins(quads, recognitionSettings.maxCropMargin);
  const longest = quads
    .map((quad, index) => ({ index, quad: padQuad(quad, margins[index]) }))
    .sort((a, b) => axisLength(b.quad) - axisLength(a.quad))
    .slice(0, 4);
  const both = [...longest.map(({ quad }) => ({ quad, turn180: false })), ...longest.map(({ quad }) => ({ quad, turn180: true }))];
  const { decoded, runMs } = await recognizeLines(image, both, recognition.model, recognition.symbols);
  const mean = (part: typeof decoded) => part.reduce((s, d) => s + d.confidence, 0) / Math.max(1, part.length);
  const upsideDown = mean(decoded.slice(longest.length)) > mean(decoded.slice(0, longest.length));
  const turns = quarterTurnsFromVotes({ ...votes, upsideDownShare: upsideDown ? 1 : 0 });
  // Turned by 0 or 180 degrees the lines keep their quads, so both readings are the upright page's
  // (a line read turned on this page is read as is on the page turned by 180); a quarter turn makes new quads.
  const reads: KnownReads = new Map();
  if (turns === 0 || turns === 2)
    longest.forEach(({ index }, i) => {
      const [asIs, turned] = [decoded[i], decoded[longest.length + i]];
      reads.set(index, turns === 0 ? { asIs, turned } : { asIs: turned, turned: asIs });
    });
  return { turns, recognizeMs: runMs, reads };
}

function axisLength(quad: Quad): number {
  const box = axisBox(quad);
  return Math.max(box.width, box.height);
}
