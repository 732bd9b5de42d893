import "server-only";
import type { LoadedModel } from "../session-pool";
import type { LineDirection } from "./classify-direction";
import { noMargin, padQuad, type CropMargin } from "./crop-line";
import type { DecodedLine } from "./ctc-decode";
import { directionSettings } from "./ocr-settings";
import type { Quad } from "./quad-geometry";
import { recognizeLines, type LineToRead } from "./recognize-lines";
import type { RgbImage } from "./rgb-image";

export interface ReadLine {
  text: string;
  confidence: number;
  /** The line's quad as read: corners turned by 180 degrees when it was read upside down. */
  quad: Quad;
}

/** Readings made already (while choosing the page's rotation), by line index: not read again. */
export type KnownReads = Map<number, { asIs?: DecodedLine; turned?: DecodedLine }>;

/**
 * Recognition of an upright page's lines, each cropped with its margin. A line the direction
 * classifier wants turned is read both ways and keeps the surer reading: on an upright page such a
 * line is more often a classifier mistake (short, symmetric, on a dark background) than upside down.
 * `toPage` maps a quad of the upright page to the pixels of `page` (a turned page is read from the
 * image as given, so it is never rotated pixel by pixel).
 */
export async function readLines(
  page: RgbImage,
  quads: Quad[],
  margins: CropMargin[],
  directions: LineDirection[],
  recognition: { model: LoadedModel; symbols: readonly string[] },
  { toPage = (quad: Quad) => quad, known = new Map() }: { toPage?: (quad: Quad) => Quad; known?: KnownReads } = {},
): Promise<{ lines: ReadLine[]; runMs: number }> {
  const padded = quads.map((quad, i) => toPage(padQuad(quad, margins[i] ?? noMargin)));
  const flagged = directions.map((d) => d.upsideDownProbability > directionSettings.flipThreshold);
  const wanted: { index: number; turn180: boolean }[] = [];
  quads.forEach((_, i) => {
    if (!known.get(i)?.asIs) wanted.push({ index: i, turn180: false });
    if (flagged[i] && !known.get(i)?.turned) wanted.push({ index: i, turn180: true });
  });
  const toRead: LineToRead[] = wanted.map(({ index, turn180 }) => ({ quad: padded[index], turn180 }));
  const { decoded, runMs } = await recognizeLines(page, toRead, recognition.model, recognition.symbols);
  const reads = new Map<number, { asIs?: DecodedLine; turned?: DecodedLine }>();
  for (const [index, read] of known) reads.set(index, { ...read });
  wanted.forEach(({ index, turn180 }, i) => {
    const entry = reads.get(index) ?? {};
    entry[turn180 ? "turned" : "asIs"] = decoded[i];
    reads.set(index, entry);
  });
  const lines = quads.map((quad, i) => {
    const upright = reads.get(i)!.asIs!;
    const other = flagged[i] ? reads.get(i)?.turned : undefined;
    if (other && other.confidence > upright.confidence) return { ...other, quad: [quad[2], quad[3], quad[0], quad[1]] as Quad };
    return { ...upright, quad };
  });
  return { lines, runMs };
}
