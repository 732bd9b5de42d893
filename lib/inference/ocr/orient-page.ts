import "server-only";
import type { LoadedModel } from "../session-pool";
import { isUncertain, pageVotes, quarterTurnsFromVotes } from "./choose-page-rotation";
import { cropMargins, padQuad } from "./crop-line";
import { recognitionSettings } from "./ocr-settings";
import { axisBox, type Quad } from "./quad-geometry";
import { recognizeLines } from "./recognize-lines";
import type { QuarterTurns, RgbImage } from "./rgb-image";

/**
 * The page's orientation from the detected lines (tall or wide) and the direction classifier's
 * votes; when the vote is close, the longest lines are read both ways and the surer reading wins.
 */
export async function orientPage(
  image: RgbImage,
  quads: Quad[],
  upsideDownProbabilities: number[],
  recognition: { model: LoadedModel; symbols: readonly string[] },
): Promise<{ turns: QuarterTurns; recognizeMs: number }> {
  if (quads.length === 0) return { turns: 0, recognizeMs: 0 };
  const votes = pageVotes(quads, upsideDownProbabilities);
  if (!isUncertain(votes)) return { turns: quarterTurnsFromVotes(votes), recognizeMs: 0 };
  const margins = cropMargins(quads, recognitionSettings.maxCropMargin);
  const longest = quads
    .map((quad, i) => padQuad(quad, margins[i]))
    .sort((a, b) => axisLength(b) - axisLength(a))
    .slice(0, 4);
  const both = [...longest.map((quad) => ({ quad, turn180: false })), ...longest.map((quad) => ({ quad, turn180: true }))];
  const { decoded, runMs } = await recognizeLines(image, both, recognition.model, recognition.symbols);
  const mean = (part: typeof decoded) => part.reduce((s, d) => s + d.confidence, 0) / Math.max(1, part.length);
  const upsideDown = mean(decoded.slice(longest.length)) > mean(decoded.slice(0, longest.length));
  return { turns: quarterTurnsFromVotes({ ...votes, upsideDownShare: upsideDown ? 1 : 0 }), recognizeMs: runMs };
}

function axisLength(quad: Quad): number {
  const box = axisBox(quad);
  return Math.max(box.width, box.height);
}
