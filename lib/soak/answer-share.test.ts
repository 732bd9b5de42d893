import { describe, expect, it } from "vitest";
import { answerVerdict, MIN_OK_SHARE } from "./answer-share";

describe("soak answer verdict", () => {
  it("passes a run whose requests were all answered 2xx", () => {
    expect(answerVerdict({ requests: 3153, ok: 3153 }).failure).toBeUndefined();
  });

  it("passes a run exactly at the minimum share", () => {
    expect(answerVerdict({ requests: 1000, ok: 1000 * MIN_OK_SHARE })).toMatchObject({ okShare: MIN_OK_SHARE, failure: undefined });
  });

  it("fails a run whose every request was turned away with 429 or 503", () => {
    expect(answerVerdict({ requests: 500, ok: 0 }).failure).toBe("only 0.0 % of 500 requests answered 2xx (at least 90 % required)");
  });

  it("fails a run just below the minimum share", () => {
    expect(answerVerdict({ requests: 1000, ok: 899 }).failure).toMatch(/^only 89\.9 % of 1000 requests/);
  });

  it("fails a run that sent nothing", () => {
    expect(answerVerdict({ requests: 0, ok: 0 }).failure).toBe("no request was sent");
  });
});
