import "server-only";
import type { LoadedModel } from "../session-pool";
import type { LineDirection } from "./classify-direction";
import { noMargin, padQuad, type CropMargin } from "./crop-line";
import { directionSettings } from "./ocr-settings";
import type { Quad } from "./quad-geometry";
import { recognizeLines } from "./recognize-lines";
import type { RgbImage } from "./rgb-image";

export interface ReadLine {
  text: string;
  confidence: number;
  /** The line's quad as read: corners turned by 180 degrees when it was read upside down. */
  quad: Quad;
}

/**
 * Recognition of an upright page's lines, each cropped with its margin. A line the direction
 * classifier wants turned is read both ways and keeps the surer reading: on an upright page such a
 * line is more often a classifier mistake (short, symmetric, on a dark background) than upside down.
 */
export async function readLines(
  page: RgbImage,
  quads: Quad[],
  margins: CropMargin[],
  directions: LineDirection[],
  recognition: { model: LoadedModel; symbols: readonly string[] },
): Promise<{ lines: ReadLine[]; runMs: number }> {
  const padded = quads.map((quad, i) => padQuad(quad, margins[i] ?? noMargin));
  const flagged = directions.map((d) => d.upsideDownProbability > directionSettings.flipThreshold);
  const asIs = padded.map((quad) => ({ quad, turn180: false }));
  const turned = padded.flatMap((quad, i) => (flagged[i] ? [{ quad, turn180: true }] : []));
  const { decoded, runMs } = await recognizeLines(page, [...asIs, ...turned], recognition.model, recognition.symbols);
  let nextTurned = quads.length;
  const lines = quads.map((quad, i) => {
    const upright = decoded[i];
    const other = flagged[i] ? decoded[nextTurned++] : undefined;
    if (other && other.confidence > upright.confidence) return { ...other, quad: [quad[2], quad[3], quad[0], quad[1]] as Quad };
    return { ...upright, quad };
  });
  return { lines, runMs };
}
