import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../domain-errors";
import { checkJsonShape } from "./json-shape";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("checkJsonShape", () => {
  it("refuses a body of many tiny objects before parsing it", () => {
    const flood = bytes(`{"inputs":[${"{},".repeat(200_000)}{}]}`);
    expect(() => checkJsonShape(flood, { maxContainers: 10_000, maxValues: 1_000_000 })).toThrow(InvalidArgumentError);
  });

  it("refuses more values than the element limit allows, and lets a real request through", () => {
    const data = Array.from({ length: 5_000 }, (_, i) => i).join(",");
    const request = bytes(`{"inputs":[{"name":"x","shape":[1,5000],"datatype":"FP32","data":[${data}]}]}`);
    expect(() => checkJsonShape(request, { maxContainers: 100, maxValues: 6_000 })).not.toThrow();
    expect(() => checkJsonShape(request, { maxContainers: 100, maxValues: 4_000 })).toThrow(/more than 4000 values/);
  });

  it("does not count braces, brackets and commas inside strings (escaped quotes included)", () => {
    const text = bytes(`{"id":"${'{[,\\"'.repeat(10_000)}"}`);
    expect(() => checkJsonShape(text, { maxContainers: 2, maxValues: 2 })).not.toThrow();
  });
});
