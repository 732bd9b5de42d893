import type { LineDirection } from "./classify-direction";
import type { Point, Quad } from "./quad-geometry";

/**
 * The direction classifier's answers for a page's lines after the page is turned, from its answers
 * before. A line's crop after the turn is the crop read before when its reading quad starts at the
 * same corner, and that crop turned by 180 degrees when it starts at the opposite corner; only lines
 * whose corners match neither way (near-square boxes, whose reading corner the turn can move by a
 * quarter) are classified again. Running the classifier on every line of the turned page, as before,
 * repeated work whose answer was already known.
 *
 * The answer for a crop turned by 180 degrees is taken as 1 - p: the classifier's two classes are
 * exactly "as is" and "turned", and a line it calls upside down either way is read both ways anyway
 * (readLines), so an answer that is not exactly complementary changes which reading is tried, not
 * which one is kept.
 */

/** Corners closer than this (pixels) are the same corner. */
const SAME_CORNER_PX = 1;

export async function carryDirections(
  before: Quad[],
  /** The lines' reading quads after the turn, in the same pixels as `before`. */
  after: Quad[],
  directions: LineDirection[],
  classify: (indices: number[]) => Promise<LineDirection[]>,
): Promise<LineDirection[]> {
  const carried: (LineDirection | undefined)[] = after.map((quad, i) => {
    const p = directions[i].upsideDownProbability;
    if (near(quad[0], before[i][0]) && near(quad[2], before[i][2])) return { upsideDownProbability: p };
    if (near(quad[0], before[i][2]) && near(quad[2], before[i][0])) return { upsideDownProbability: 1 - p };
    return undefined;
  });
  const unknown = carried.flatMap((d, i) => (d ? [] : [i]));
  if (unknown.length > 0) {
    const fresh = await classify(unknown);
    unknown.forEach((index, k) => {
      carried[index] = fresh[k];
    });
  }
  return carried as LineDirection[];
}

function near(a: Point, b: Point): boolean {
  return Math.hypot(a[0] - b[0], a[1] - b[1]) <= SAME_CORNER_PX;
}
