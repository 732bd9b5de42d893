import { expect, type Page } from "@playwright/test";

/** The account playwright.config.ts names as ADMIN_EMAIL, so the admin page can be checked signed in. */
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
