import { describe, expect, it } from "vitest";
import { findDates } from "./parse-dates";

const isoOf = (text: string, options?: { monthFirst?: boolean }) => findDates(text, options).map((d) => d.iso);

describe("findDates", () => {
  it("reads German, ISO, slashed and written-out dates", () => {
    expect(isoOf("Datum 18.04.2020 09:51")).toEqual(["2020-04-18"]);
    expect(isoOf("02.03.20 15:59")).toEqual(["2020-03-02"]);
    expect(isoOf("issued 2020-04-18")).toEqual(["2020-04-18"]);
    expect(isoOf("18/04/2020 and 18-04-2020")).toEqual(["2020-04-18", "2020-04-18"]);
    expect(isoOf("am 18. April 2020, 3 März 2021")).toEqual(["2020-04-18", "2021-03-03"]);
    expect(isoOf("April 18, 2020")).toEqual(["2020-04-18"]);
  });

  it("reads month first only for US English, or when day first is impossible", () => {
    expect(isoOf("04/05/2020")).toEqual(["2020-05-04"]);
    expect(isoOf("04/05/2020", { monthFirst: true })).toEqual(["2020-04-05"]);
    expect(isoOf("04/18/2020")).toEqual(["2020-04-18"]);
  });

  it("separates dates from times OCR glued to them, and reports where the date is", () => {
    expect(findDates("09:5118.04.2020")).toEqual([{ iso: "2020-04-18", index: 5, raw: "18.04.2020" }]);
    expect(isoOf("23.04.202009:59")).toEqual(["2020-04-23"]);
    expect(isoOf("02:03.20 15:59")).toEqual(["2020-03-02"]);
  });

  it("refuses impossible dates, prices, times and version numbers", () => {
    expect(isoOf("31.02.2020 29.02.2021")).toEqual([]);
    expect(isoOf("29.02.2020")).toEqual(["2020-02-29"]);
    expect(isoOf("Preis 18.04 EUR, 12:30 Uhr, v1.2.3.4, 1,234.56")).toEqual([]);
  });
});
