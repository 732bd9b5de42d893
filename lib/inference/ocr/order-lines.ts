import type { AxisBox } from "./quad-geometry";
import { median } from "../../stats";

/**
 * Reading order for an upright page: lines that share a row (vertical overlap, no horizontal overlap)
 * are read left to right, rows top to bottom. A page is first cut into horizontal bands at lines
 * that span most of its width (titles); inside a band, a clear vertical gutter with running text on
 * both sides makes two columns, read one after the other. Receipts have a gutter between item names
 * and prices too, so a column must carry running text (long lines), not short numbers.
 */

export interface OrderedLines {
  /** Line indices in reading order. */
  order: number[];
  /** Rows in reading order, each a list of line indices left to right. */
  rows: number[][];
}

interface Item {
  index: number;
  box: AxisBox;
  textLength: number;
}

/** A line spanning at least this share of the text's width is a band separator, never part of a column. */
const SPANNING_SHARE = 0.6;
/** Mean characters per line a column must have to count as running text. */
const MIN_COLUMN_TEXT_LENGTH = 12;
const MIN_COLUMN_LINES = 3;

export function orderLines(boxes: AxisBox[], texts: string[]): OrderedLines {
  const items: Item[] = boxes.map((box, index) => ({ index, box, textLength: texts[index]?.length ?? 0 }));
  const rows = orderRegion(items);
  return { order: rows.flat(), rows };
}

function orderRegion(items: Item[]): number[][] {
  if (items.length === 0) return [];
  const left = Math.min(...items.map((i) => i.box.x));
  const right = Math.max(...items.map((i) => i.box.x + i.box.width));
  const spanning = items.filter((i) => i.box.width >= SPANNING_SHARE * (right - left));
  const rows: number[][] = [];
  // Bands between spanning lines; each spanning line is its own band (it may share a row with others, so group it).
  const centre = (i: Item) => i.box.y + i.box.height / 2;
  const spanningInOrder = [...spanning].sort((a, b) => centre(a) - centre(b));
  const cuts = spanningInOrder.map(centre);
  const bands: Item[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (const item of items) {
    if (spanning.includes(item)) continue;
    bands[cuts.filter((c) => c < centre(item)).length].push(item);
  }
  bands.forEach((band, i) => {
    rows.push(...orderBand(band));
    if (i < spanningInOrder.length) rows.push([spanningInOrder[i].index]);
  });
  return mergeSpanningRows(rows, items);
}

/** A spanning line may share its row with a short neighbour (a date beside a title); rejoin them. */
function mergeSpanningRows(rows: number[][], items: Item[]): number[][] {
  const byIndex = new Map(items.map((i) => [i.index, i]));
  const merged: number[][] = [];
  for (const row of rows) {
    const previous = merged.at(-1);
    if (
      previous &&
      sameRow(
        previous.map((i) => byIndex.get(i)!),
        row.map((i) => byIndex.get(i)!),
      )
    ) {
      merged[merged.length - 1] = [...previous, ...row].sort((a, b) => byIndex.get(a)!.box.x - byIndex.get(b)!.box.x);
    } else merged.push(row);
  }
  return merged;
}

function orderBand(items: Item[]): number[][] {
  const gutter = findGutter(items);
  if (gutter === undefined) return groupRows(items);
  const leftSide = items.filter((i) => i.box.x + i.box.width <= gutter);
  const rightSide = items.filter((i) => i.box.x + i.box.width > gutter);
  return [...orderBand(leftSide), ...orderBand(rightSide)];
}

/** x of an empty vertical strip between two columns of running text, if there is one. */
function findGutter(items: Item[]): number | undefined {
  if (items.length < 2 * MIN_COLUMN_LINES) return undefined;
  const minGap =
    1.5 *
    median(
      items.map((i) => i.box.height),
      "higher",
    );
  const spans = items.map((i) => [i.box.x, i.box.x + i.box.width]).sort((a, b) => a[0] - b[0]);
  let reach = spans[0][1];
  for (const [start, end] of spans.slice(1)) {
    if (start - reach >= minGap) {
      const gutter = (reach + start) / 2;
      const leftSide = items.filter((i) => i.box.x + i.box.width <= gutter);
      const rightSide = items.filter((i) => i.box.x >= gutter);
      if (isColumn(leftSide) && isColumn(rightSide)) return gutter;
    }
    reach = Math.max(reach, end);
  }
  return undefined;
}

function isColumn(items: Item[]): boolean {
  if (items.length < MIN_COLUMN_LINES) return false;
  const meanLength = items.reduce((sum, i) => sum + i.textLength, 0) / items.length;
  return meanLength >= MIN_COLUMN_TEXT_LENGTH;
}

/** Greedy row grouping by vertical overlap, rows top to bottom, lines left to right. */
export function groupRows<T extends { index: number; box: AxisBox }>(items: T[]): number[][] {
  const sorted = [...items].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2));
  const rows: T[][] = [];
  for (const item of sorted) {
    let best: T[] | undefined;
    let bestOverlap = 0;
    // Only recent rows can overlap: the items arrive sorted by their vertical centre.
    for (const row of rows.slice(-4)) {
      const overlap = rowOverlap(row, item);
      if (overlap > bestOverlap && !row.some((member) => overlapsHorizontally(member.box, item.box))) {
        best = row;
        bestOverlap = overlap;
      }
    }
    if (best && bestOverlap >= 0.5) best.push(item);
    else rows.push([item]);
  }
  return rows.sort((a, b) => centreY(a) - centreY(b)).map((row) => row.sort((a, b) => a.box.x - b.box.x).map((i) => i.index));
}

function sameRow(a: { box: AxisBox }[], b: { box: AxisBox }[]): boolean {
  return b.every((item) => rowOverlap(a, item) >= 0.5 && !a.some((m) => overlapsHorizontally(m.box, item.box)));
}

/** Vertical overlap of an item with a row's mean band, as a share of the smaller height. */
function rowOverlap(row: { box: AxisBox }[], item: { box: AxisBox }): number {
  const top = row.reduce((s, r) => s + r.box.y, 0) / row.length;
  const bottom = row.reduce((s, r) => s + r.box.y + r.box.height, 0) / row.length;
  const overlap = Math.min(bottom, item.box.y + item.box.height) - Math.max(top, item.box.y);
  return overlap / Math.max(1, Math.min(bottom - top, item.box.height));
}

function overlapsHorizontally(a: AxisBox, b: AxisBox): boolean {
  const overlap = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  return overlap > 0.3 * Math.min(a.width, b.width);
}

function centreY(row: { box: AxisBox }[]): number {
  return row.reduce((s, r) => s + r.box.y + r.box.height / 2, 0) / row.length;
}
