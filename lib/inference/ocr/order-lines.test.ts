import { describe, expect, it } from "vitest";
import { orderLines } from "./order-lines";

const box = (x: number, y: number, width: number, height = 20) => ({ x, y, width, height });

describe("orderLines", () => {
  it("reads rows top to bottom and lines of a row left to right, even when a row is slightly skewed", () => {
    const boxes = [box(300, 52, 60), box(10, 10, 200), box(10, 50, 150), box(250, 12, 80), box(10, 90, 120)];
    const { order, rows } = orderLines(boxes, ["price", "title", "item", "date", "total"]);
    expect(rows).toEqual([[1, 3], [2, 0], [4]]);
    expect(order).toEqual([1, 3, 2, 0, 4]);
  });

  it("reads two columns of running text one after the other, below a title spanning both", () => {
    const text = "a line of running text in a column";
    const boxes = [box(10, 10, 580)]; // title
    const texts = ["Title across the page"];
    for (let row = 0; row < 4; row++) {
      boxes.push(box(10, 50 + row * 30, 260), box(320, 50 + row * 30, 270));
      texts.push(text, text);
    }
    const { order } = orderLines(boxes, texts);
    expect(order).toEqual([0, 1, 3, 5, 7, 2, 4, 6, 8]);
  });

  it("keeps a receipt's names and prices on their rows: short numbers are no column", () => {
    const boxes: ReturnType<typeof box>[] = [];
    const texts: string[] = [];
    for (let row = 0; row < 5; row++) {
      boxes.push(box(10, row * 40, 300), box(500, row * 40, 60));
      texts.push("GUT BIO JOGHURT PUR", "0,35");
    }
    expect(orderLines(boxes, texts).rows).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
  });

  it("puts stacked boxes that overlap horizontally on separate rows", () => {
    const { rows } = orderLines([box(10, 0, 100, 30), box(20, 16, 100, 30)], ["upper", "lower"]);
    expect(rows).toEqual([[0], [1]]);
  });
});
