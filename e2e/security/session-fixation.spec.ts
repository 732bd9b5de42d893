import { expect, test } from "@playwright/test";
import { CookieJar } from "../accounts-client";
import { sameOrigin, sessionCookie, signInAttempt, signUp, type StrangerServer, startStrangerServer } from "./stranger-server";

// Issue #19: "Session fixation: a guest who signs up keeps its id, so a guest cookie planted before sign-up
// becomes the new account's session (it lists the account's keys a few seconds later)." Replayed: the
// attacker gets a guest cookie, plants it in the victim's browser (here: the victim's requests carry it),
// the victim signs up; the attacker's copy must then be worth nothing. Also: signing out revokes the session
// everywhere, a copied cookie included.

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

let h: StrangerServer;
// biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures from a destructuring pattern; this hook needs none
test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  h = await startStrangerServer(5);
});
test.afterAll(async () => h?.stop());

const keys = (cookie: string) => fetch(`${h.baseUrl}/api/v1/keys`, { headers: { cookie, ...sameOrigin(h.baseUrl) } });

test("a guest cookie planted before sign-up is not the new account's session", async () => {
  const guest = await fetch(`${h.baseUrl}/api/auth/guest?redirectUrl=/analyze`, { redirect: "manual" });
  const planted = new CookieJar();
  planted.store(guest);
  const plantedCookie = sessionCookie(planted);
  expect(plantedCookie).toBeTruthy();

  // The victim, carrying the planted cookie, signs up (the guest's work moves into the account).
  const account = await signUp(h.baseUrl, "fixated@example.test", "the victim's own passphrase", { cookie: plantedCookie!, ...sameOrigin(h.baseUrl) });
  expect(account.status).toBe(201);
  const victim = await signInAttempt(h.baseUrl, "fixated@example.test", "the victim's own passphrase");
  const victimCookie = sessionCookie(victim.jar)!;
  expect(victimCookie).toBeTruthy();
  expect(victimCookie).not.toBe(plantedCookie);
  const created = await fetch(`${h.baseUrl}/api/v1/keys`, {
    method: "POST",
    headers: { cookie: victimCookie, "content-type": "application/json", ...sameOrigin(h.baseUrl) },
    body: JSON.stringify({ name: "victim's key", scopes: ["analyze"] }),
  });
  expect(created.status).toBe(201);

  // The attacker's copy of the planted cookie, now and after the caches' few seconds.
  expect((await keys(plantedCookie!)).status).toBe(401);
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  const later = await keys(plantedCookie!);
  expect(later.status).toBe(401);
  expect(await later.text()).not.toContain("victim's key");
  expect((await keys(victimCookie)).status).toBe(200);
});

test("signing out revokes the session: a copy of the cookie taken before stops working", async () => {
  expect((await signUp(h.baseUrl, "signs-out@example.test", "a passphrase to sign out with")).status).toBe(201);
  const { jar } = await signInAttempt(h.baseUrl, "signs-out@example.test", "a passphrase to sign out with");
  const copy = sessionCookie(jar)!;
  expect((await keys(copy)).status).toBe(200);
  const csrf = await fetch(`${h.baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signOut = await fetch(`${h.baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/" }),
  });
  expect(signOut.status).toBe(302);
  expect((await keys(copy)).status).toBe(401);
  // Signing in again gives a working session.
  const again = await signInAttempt(h.baseUrl, "signs-out@example.test", "a passphrase to sign out with");
  expect((await keys(sessionCookie(again.jar)!)).status).toBe(200);
});
