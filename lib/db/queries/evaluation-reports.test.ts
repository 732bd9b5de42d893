import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets } from "@/test/database-targets";
import {
  completeEvaluationReport,
  failEvaluationReport,
  getEvaluationReport,
  insertEvaluationReport,
  listEvaluationReports,
  updateReportProgress,
} from "./evaluation-reports";

describe.each(databaseTargets)("evaluation reports on $name", (target) => {
  let handle: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    if (!target.skipReason) handle = await target.open();
  });
  afterAll(async () => handle?.cleanup());

  it.skipIf(target.skipReason)("runs a report through running -> progress -> completed", async () => {
    const db = handle.db;
    const report = await insertEvaluationReport({ db, kind: "red-team", title: "campaign A", details: { config: { mutators: ["base64"] } } });
    expect(report).toMatchObject({ kind: "red-team", status: "running", progress: 0, finishedAt: null });
    await updateReportProgress({ db, id: report.id, progress: 0.4 });
    expect((await getEvaluationReport({ db, id: report.id }))?.progress).toBeCloseTo(0.4);
    await updateReportProgress({ db, id: report.id, progress: 7 });
    expect((await getEvaluationReport({ db, id: report.id }))?.progress).toBe(1);
    await completeEvaluationReport({ db, id: report.id, summary: { detected: 3 }, details: { samples: [1, 2] } });
    const done = await getEvaluationReport({ db, id: report.id, kind: "red-team" });
    expect(done).toMatchObject({ status: "done", progress: 1, summary: { detected: 3 }, details: { samples: [1, 2] } });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    // Progress never moves a finished report.
    await updateReportProgress({ db, id: report.id, progress: 0.1 });
    expect((await getEvaluationReport({ db, id: report.id }))?.progress).toBe(1);
  });

  it.skipIf(target.skipReason)("records failures, filters by kind, lists newest first without details", async () => {
    const db = handle.db;
    const failed = await insertEvaluationReport({ db, kind: "red-team", title: "campaign B" });
    await failEvaluationReport({ db, id: failed.id, error: "encoder unavailable" });
    const bench = await insertEvaluationReport({ db, kind: "safety-benchmark", title: "bench", status: "done", summary: { tpr: 0.9 } });
    expect(bench).toMatchObject({ status: "done", progress: 1 });
    expect(await getEvaluationReport({ db, id: failed.id })).toMatchObject({ status: "failed", error: "encoder unavailable" });
    expect(await getEvaluationReport({ db, id: bench.id, kind: "red-team" })).toBeUndefined();

    const redTeam = await listEvaluationReports({ db, kind: "red-team" });
    expect(redTeam.every((r) => r.kind === "red-team")).toBe(true);
    expect(redTeam[0].id).toBe(failed.id);
    expect("details" in redTeam[0]).toBe(false);
    expect((await listEvaluationReports({ db })).length).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(target.skipReason)("answers nothing (not an error) for ids that are not UUIDs or do not exist", async () => {
    expect(await getEvaluationReport({ db: handle.db, id: "not-a-uuid'; drop table x" })).toBeUndefined();
    expect(await getEvaluationReport({ db: handle.db, id: "00000000-0000-4000-8000-000000000000" })).toBeUndefined();
  });
});
