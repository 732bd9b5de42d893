import { expect, type Page } from "@playwright/test";
import { runAdminCommand } from "./admin-command";

/** The account the accessibility checks make admin (with `npm run admin`, as an operator would), so the admin page is checked signed in. */
export const E2E_ADMIN_EMAIL = "a11y-admin@e2e.example";

/** Creates the account if it is not there yet (the API's sign-up) and signs in through the sign-in form, as a person would. */
export async function signInInBrowser(page: Page, email: string, password: string): Promise<void> {
  const signup = await page.request.post("/api/v1/auth/signup", { data: { email, password } });
  expect([201, 409]).toContain(signup.status());
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-menu-disclosure")).toBeVisible();
}

/** Signs up E2E_ADMIN_EMAIL if needed, makes it admin with the operator's command against the suite's server, and signs in. */
export async function signInAsAdminInBrowser(page: Page, password: string): Promise<void> {
  const signup = await page.request.post("/api/v1/auth/signup", { data: { email: E2E_ADMIN_EMAIL, password } });
  expect([201, 409]).toContain(signup.status());
  const made = runAdminCommand(E2E_ADMIN_EMAIL, { DATA_DIR: process.env.E2E_DATA_DIR });
  expect(made.status, made.output).toBe(0);
  await signInInBrowser(page, E2E_ADMIN_EMAIL, password);
}
