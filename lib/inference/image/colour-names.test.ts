import { describe, expect, it } from "vitest";
import { nameColour } from "./colour-names";

describe("nameColour", () => {
  it.each([
    [[51, 102, 170], "blue"],
    [[20, 25, 70], "navy"],
    [[250, 250, 250], "white"],
    [[10, 10, 10], "black"],
    [[200, 30, 40], "red"],
    [[40, 160, 60], "green"],
    [[245, 225, 50], "yellow"],
    [[125, 125, 125], "gray"],
  ] as [[number, number, number], string][])("names %j %s", (rgb, name) => {
    expect(nameColour(rgb)).toBe(name);
  });
});
