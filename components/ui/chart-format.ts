import { createElement } from "react";

/** Shared by the client charts: tick and tooltip formatting with units. */

export const msTick = (value: number) => (value === 0 ? "0" : value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2));

/** Log-scale ticks (1-2-5 steps) covering [min, max]. */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)) - 1; exponent <= Math.ceil(Math.log10(max)); exponent++) {
    for (const step of [1, 2, 5]) {
      const tick = step * 10 ** exponent;
      if (tick >= min && tick <= max) ticks.push(Number(tick.toPrecision(3)));
    }
  }
  return ticks;
}

/** A log-scale domain with some room around the points. */
export function logDomain(values: number[]): [number, number] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1, 10];
  return [Math.min(...positive) / 1.6, Math.max(...positive) * 1.6];
}

export const axisTick = { fontSize: 11, fill: "#475569" };
export const axisLabel = { fontSize: 12, fill: "#334155" };
/** Legend entries in dark text (recharts colours them like their series, too pale for the light ones). */
export const legendText = (value: string) => createElement("span", { style: { color: "#334155", fontSize: 12 } }, value);
