/**
 * The soak's other half of the verdict: a server that answered every request 429 or 503 leaks
 * nothing and errs nowhere, yet served no one. The run fails when fewer than `MIN_OK_SHARE` of its
 * requests were answered 2xx. 90 %: the soak's own key stays inside its plan's limits and the models'
 * queues are sized for its concurrency, so a healthy run answers (nearly) all of them (the last CI run
 * on 2 cores: 3153 of 3153); a tenth turned away is already a server shedding its normal load.
 */
export const MIN_OK_SHARE = 0.9;

export interface AnswerCounts {
  requests: number;
  /** Answered 2xx. */
  ok: number;
}

export interface AnswerVerdict {
  okShare: number;
  minOkShare: number;
  /** Why the run fails on its answers; undefined when it does not. */
  failure?: string;
}

export function answerVerdict(counts: AnswerCounts, minOkShare = MIN_OK_SHARE): AnswerVerdict {
  if (counts.requests === 0) return { okShare: 0, minOkShare, failure: "no request was sent" };
  const okShare = counts.ok / counts.requests;
  const failure =
    okShare < minOkShare
      ? `only ${(okShare * 100).toFixed(1)} % of ${counts.requests} requests answered 2xx (at least ${(minOkShare * 100).toFixed(0)} % required)`
      : undefined;
  return { okShare, minOkShare, failure };
}
