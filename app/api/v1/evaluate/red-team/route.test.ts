import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stopJobQueue } from "@/lib/jobs/job-queue";
import { startJobWorkers } from "@/lib/instance/job-runners";
import { authorization } from "@/test/api-requests";
import { createTestKey, createTestUser, sessionCookieFor } from "@/test/auth";
import { GET as getReport } from "./[id]/route";
import { GET as listReports, POST } from "./route";

const post = (body: string, contentType = "application/json") =>
  POST(new Request("http://localhost/api/v1/evaluate/red-team", { method: "POST", headers: { authorization, "content-type": contentType }, body }));
const read = (id: string) =>
  getReport(new Request(`http://localhost/api/v1/evaluate/red-team/${id}`, { headers: { authorization } }), { params: Promise.resolve({ id }) });

beforeAll(async () => {
  await startJobWorkers();
});
afterAll(async () => {
  await stopJobQueue(2_000);
});

describe("red-team campaigns over the API", () => {
  it("queues a campaign as a job (202, queued), which a worker runs to a stored report; a second one waits its turn", async () => {
    const response = await post(
      JSON.stringify({ title: "small campaign", mutators: ["identity", "base64"], families: ["ignore-previous", "prompt-leak"], variants_per_seed: 1 }),
    );
    expect(response.status).toBe(202);
    const started = await response.json();
    expect(started).toMatchObject({ kind: "red-team", status: "queued", title: "small campaign" });
    expect(response.headers.get("location")).toBe(`/api/v1/evaluate/red-team/${started.id}`);
    const second = await post(JSON.stringify({ title: "second", mutators: ["identity"], families: ["prompt-leak"], variants_per_seed: 1 }));
    expect(second.status).toBe(202);

    let report = started;
    for (let i = 0; i < 240 && (report.status === "queued" || report.status === "running"); i++) {
      await new Promise((r) => setTimeout(r, 250));
      report = await (await read(started.id)).json();
    }
    expect(report.status).toBe("done");
    expect(report.progress).toBe(1);
    expect(report.summary.perMutator.map((m: { mutator: string }) => m.mutator)).toEqual(["identity", "base64"]);
    expect(report.summary.perFamily.map((f: { family: string }) => f.family).sort()).toEqual(["ignore-previous", "prompt-leak"]);
    expect(report.summary.attacks.total).toBe(8);
    expect(report.summary.attacks.rate).toBeGreaterThanOrEqual(0.75);
    expect(report.details.samples).toHaveLength(8 + 10);

    const list = await (await listReports(new Request("http://localhost/api/v1/evaluate/red-team", { headers: { authorization } }))).json();
    const listed = list.reports.find((r: { id: string }) => r.id === started.id);
    expect(listed).toMatchObject({ status: "done" });
    expect(listed.details).toBeUndefined();
  });

  it("shows each account only its own reports; guests cannot start campaigns", async () => {
    const mallory = await createTestKey({ role: "user" });
    const list = await (
      await listReports(new Request("http://localhost/api/v1/evaluate/red-team", { headers: { authorization: mallory.authorization } }))
    ).json();
    expect(list.reports).toEqual([]);
    const mine = await (await listReports(new Request("http://localhost/api/v1/evaluate/red-team", { headers: { authorization } }))).json();
    expect(mine.reports.length).toBeGreaterThan(0);
    const theirs = await getReport(
      new Request(`http://localhost/api/v1/evaluate/red-team/${mine.reports[0].id}`, { headers: { authorization: mallory.authorization } }),
      { params: Promise.resolve({ id: mine.reports[0].id }) },
    );
    expect(theirs.status).toBe(404);
    const guest = await sessionCookieFor((await createTestUser({ role: "guest" })).id);
    const byGuest = await POST(
      new Request("http://localhost/api/v1/evaluate/red-team", { method: "POST", headers: { cookie: guest, "content-type": "application/json" }, body: "{}" }),
    );
    expect(byGuest.status).toBe(403);
  });

  it("answers 404 problem+json for unknown or malformed ids", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope", "1; drop table evaluation_reports"]) {
      const response = await read(id);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("refuses bad campaign configurations", async () => {
    expect((await post('{"mutators":["teleport"]}')).status).toBe(400);
    expect((await post('{"mutators":[]}')).status).toBe(400);
    expect((await post('{"variants_per_seed":99}')).status).toBe(400);
    expect((await post('{"unknown":1}')).status).toBe(400);
    expect((await post("{oops")).status).toBe(400);
    expect((await post("mutators=base64", "application/x-www-form-urlencoded")).status).toBe(415);
  });
});
