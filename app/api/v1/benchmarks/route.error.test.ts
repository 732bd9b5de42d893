import { describe, expect, it } from "vitest";
import { expectProblem as expectProblemAnswer } from "@/test/api-requests";
import { GET } from "./route";

const get = (query: string) => GET(new Request(`http://localhost/api/v1/benchmarks${query}`));

async function expectProblem(response: Response, field: string) {
  const problem = await expectProblemAnswer(response, 400, { code: "invalid_input", instance: "/api/v1/benchmarks" });
  expect(problem.errors).toEqual([{ field, message: expect.any(String) }]);
  return problem;
}

describe("GET /api/v1/benchmarks rejects a bad query with problem+json", () => {
  it("400 for runs out of range or not a whole number", async () => {
    for (const runs of ["0", "101", "-1", "1.5", "abc", "", "%20", "5%20", "1e2", "0x10", "Infinity", "NaN", "9".repeat(1000), "00000000001"]) {
      const problem = await expectProblem(await get(`?runs=${runs}`), "runs");
      expect(problem.errors[0].message).toMatch(/whole number from 1 to 100/);
    }
  });

  it("400 for a repeated runs parameter", async () => {
    const problem = await expectProblem(await get("?runs=1&runs=2"), "runs");
    expect(problem.errors[0].message).toMatch(/once/);
  });

  it("400 naming an unknown parameter, hostile text and control characters included", async () => {
    await expectProblem(await get("?run=5"), "run");
    const hostile = await expectProblem(await get(`?${encodeURIComponent("<script>alert(1)</script>")}=1`), "<script>alert(1)</script>");
    expect(hostile.errors[0].message).toMatch(/only parameter is `runs`/);
    await expectProblem(await get("?%00%01=1"), "\u0000\u0001");
    const long = await expectProblem(await get(`?${"x".repeat(5000)}=1`), "x".repeat(50));
    expect(long.errors[0].field).toHaveLength(50);
  });

  it("400 for hostile values of runs", async () => {
    for (const runs of ["<script>", "1;drop table benchmark_runs", "%00", "%E2%80%AE5"]) await expectProblem(await get(`?runs=${runs}`), "runs");
  });
});
