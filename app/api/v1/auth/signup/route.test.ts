import { describe, expect, it } from "vitest";
import { expectProblem } from "@/test/api-requests";
import { createTestUser, sessionCookieFor } from "@/test/auth";
import { POST } from "./route";

const signup = (body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://localhost/api/v1/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

describe("POST /api/v1/auth/signup", () => {
  it("creates an account (201) and answers without any secret", async () => {
    const response = await signup({ email: "Ada@Example.test", password: "analytical engine 1843", name: "Ada" });
    expect(response.status).toBe(201);
    const account = await response.json();
    expect(account).toMatchObject({ email: "ada@example.test", name: "Ada", role: "user", plan: "free" });
    expect(JSON.stringify(account)).not.toMatch(/argon|password|analytical/);
    expect(response.headers.get("ratelimit-policy")).toContain('"minute"');
  });

  it("refuses a second account for the same e-mail (409) and bad input (400)", async () => {
    await signup({ email: "dup@example.test", password: "first password 123" });
    await expectProblem(await signup({ email: "DUP@example.test", password: "second password 123" }), 409);
    await expectProblem(await signup({ email: "not-an-email", password: "long enough password" }), 400, { detail: /email/ });
    await expectProblem(await signup({ email: "short@example.test", password: "short" }), 400, { detail: /password/ });
    await expectProblem(await signup({ email: "x@example.test", password: "p".repeat(300) }), 400, { detail: /password/ });
    await expectProblem(await signup({ email: "x@example.test" }), 400, { detail: /password/ });
    await expectProblem(await signup({ email: "x@example.test", password: "long enough password", role: "admin" }), 400);
    await expectProblem(await signup("{"), 400);
    await expectProblem(await signup("email=x", { "content-type": "application/x-www-form-urlencoded" }), 415);
    await expectProblem(await signup({ email: "y@example.test", password: "x".repeat(9000) }), 413);
  });

  it("turns the calling guest into the new account", async () => {
    const guest = await createTestUser({ role: "guest" });
    const response = await signup({ email: "guest-signs-up@example.test", password: "a fine password 42" }, { cookie: await sessionCookieFor(guest.id) });
    expect(response.status).toBe(201);
    expect((await response.json()).id).toBe(guest.id);
  });
});
