/**
 * How figures are written for people, in the UI, the reports the scripts write into the README and
 * the markdown the benchmarks render: one module, so a share is "12.3%" and a missing value is "—"
 * everywhere. Pure functions with no imports: components in the browser use them too.
 */

/** What a value that was not measured, not reported or not applicable shows as. */
export const MISSING = "—";

type Maybe<T> = T | null | undefined;

const missing = (value: Maybe<number>): value is null | undefined => value === null || value === undefined || Number.isNaN(value);

/** A share (0..1) as a percentage: 0.1234 → "12%", or "12.3%" with `digits` 1. */
export function formatPercent(share: Maybe<number>, digits = 0): string {
  return missing(share) ? MISSING : `${(share * 100).toFixed(digits)}%`;
}

/** Milliseconds with `digits` decimals: 12.6 → "13 ms"; 12.34 → "12.3 ms" and 5 → "5.0 ms" with `digits` 1. */
export function formatMs(ms: Maybe<number>, digits = 0): string {
  return missing(ms) ? MISSING : `${ms.toFixed(digits)} ms`;
}

/** Seconds to milliseconds, keeping a missing value missing (for formatMs). */
export const secondsToMs = (seconds: Maybe<number>): Maybe<number> => (missing(seconds) ? seconds : seconds * 1000);

/** A number with at most `digits` decimals and no trailing zeros: 2.50 → "2.5". */
export function formatNumber(value: Maybe<number>, digits = 2): string {
  return missing(value) ? MISSING : String(Number(value.toFixed(digits)));
}

/** A value through `format`, or MISSING when there is none. */
export function orMissing<T>(value: Maybe<T>, format: (value: T) => string): string {
  return value === null || value === undefined ? MISSING : format(value);
}
