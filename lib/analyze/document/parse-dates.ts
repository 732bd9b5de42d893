/**
 * Calendar dates as printed on documents: German dd.mm.yyyy and dd.mm.yy, ISO yyyy-mm-dd, slashed
 * and dashed day-first forms (month-first only for US English), and written months in German and
 * English ("18. April 2020", "April 18, 2020", "18 Apr 2020"). Every match is checked against the
 * calendar, so "31.02.2020" or a price like "18.04" is not a date.
 */

export interface FoundDate {
  /** ISO 8601 yyyy-mm-dd. */
  iso: string;
  /** Offset and text of the match in the input. */
  index: number;
  raw: string;
}

const monthNames: Record<string, number> = {
  jan: 1,
  januar: 1,
  january: 1,
  jänner: 1,
  feb: 2,
  februar: 2,
  february: 2,
  mar: 3,
  mär: 3,
  märz: 3,
  marz: 3,
  march: 3,
  apr: 4,
  april: 4,
  mai: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  november: 11,
  dez: 12,
  dec: 12,
  dezember: 12,
  december: 12,
};
const monthPattern = Object.keys(monthNames)
  .sort((a, b) => b.length - a.length)
  .join("|");

type Parts = [year: string, month: string, day: string];

/** Each pattern gives the (year, month, day) readings to try, most likely first. */
const patterns: { regex: RegExp; parts: (m: RegExpExecArray, monthFirst: boolean) => Parts[] }[] = [
  // 2020-04-18, 2020/04/18
  { regex: /(?<!\d)(\d{4})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{1,2})(?!\d)/g, parts: (m) => [[m[1], m[2], m[3]]] },
  // 18.04.2020, 18.04.20, 18/04/2020, 18-04-2020 (04/18/2020 for US English)
  // (OCR reads the first dot of a German date as a colon now and then: "02:03.20".)
  {
    regex: /(?<![\d.,:])(\d{1,2})\s?([./-]|:(?=\s?\d{1,2}\s?\.))\s?(\d{1,2})\s?(?:\2|(?<=:\s?\d{1,2}\s?)\.)\s?(\d{4}|\d{2})(?![\d,:]|\.\d)/g,
    // Dots are always day first; slashes and dashes too, unless US English, or the day-first reading is impossible.
    parts: (m, monthFirst) => {
      const dayFirst: Parts = [m[4], m[3], m[1]];
      const usOrder: Parts = [m[4], m[1], m[3]];
      if (m[2] === "." || m[2] === ":") return [dayFirst];
      return monthFirst ? [usOrder, dayFirst] : [dayFirst, usOrder];
    },
  },
  // 18. April 2020, 18 Apr 2020
  { regex: new RegExp(`(?<!\\d)(\\d{1,2})\\.?\\s*(${monthPattern})\\.?\\s*(\\d{4})(?!\\d)`, "giu"), parts: (m) => [[m[3], m[2], m[1]]] },
  // April 18, 2020
  { regex: new RegExp(`(?<![\\p{L}])(${monthPattern})\\.?\\s*(\\d{1,2}),?\\s*(\\d{4})(?!\\d)`, "giu"), parts: (m) => [[m[3], m[1], m[2]]] },
];

export function findDates(text: string, { monthFirst = false }: { monthFirst?: boolean } = {}): FoundDate[] {
  // "09:5118.04.2020", "23.04.202009:59": OCR often glues a time to the date beside it. A marker
  // character separates them; offsets are corrected for it below.
  const spaced = text
    .replace(/(\d{1,2}:\d{2})(?=\d{1,2}[./-])/g, (time) => `${time}\u0000`)
    .replace(/(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?=\d{1,2}:\d{2})/g, (date) => `${date}\u0000`);
  const found: FoundDate[] = [];
  for (const { regex, parts } of patterns) {
    for (const m of spaced.matchAll(regex)) {
      const iso = parts(m as RegExpExecArray, monthFirst)
        .map(([year, month, day]) => toIso(year, month, day))
        .find(Boolean);
      if (!iso) continue;
      const index = m.index! - countMarkers(spaced.slice(0, m.index));
      if (found.some((f) => index < f.index + f.raw.length && f.index < index + m[0].length)) continue;
      found.push({ iso, index, raw: m[0].replace(/\u0000/g, "") });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function countMarkers(text: string): number {
  return text.split("\u0000").length - 1;
}

function toIso(yearText: string, monthText: string, dayText: string): string | undefined {
  let year = Number(yearText);
  if (yearText.length === 2) year += year < 70 ? 2000 : 1900;
  const month = /^\d+$/.test(monthText) ? Number(monthText) : monthNames[monthText.toLowerCase()];
  const day = Number(dayText);
  if (!month || year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
