import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { evalDataDir, evalPhoto } from "./eval-data";
import { E2E_ADMIN_EMAIL, signInAsAdminInBrowser, signInInBrowser } from "./browser-session";
import { SITE_PAGES } from "./site-pages";

// Every page, signed out and signed in as an admin (made one with `npm run admin`), checked by
// axe-core against WCAG 2.0/2.1 A and AA: no serious or critical violation may remain. Then the
// keyboard paths a mouse-less user needs: upload and analyse on /analyze, create and copy a key.

/** Parts drawn in the browser after the page arrives, waited for so axe sees them. */
const READY: Record<string, string> = { "/docs": ".swagger-ui .opblock" };

async function seriousViolations(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("load");
  if (READY[path]) await page.locator(READY[path]).first().waitFor();
  // Client parts (react-query views, charts) render after hydration: let them settle first.
  await page.waitForTimeout(1_000);
  return axeSerious(page);
}

async function axeSerious(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) — ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test.describe("accessibility (axe, WCAG 2.1 AA), signed out", () => {
  for (const pagePath of SITE_PAGES) {
    test(`${pagePath} has no serious or critical violation`, async ({ page }) => {
      expect(await seriousViolations(page, pagePath)).toEqual([]);
    });
  }
});

test.describe("accessibility (axe, WCAG 2.1 AA), signed in as admin", () => {
  for (const pagePath of SITE_PAGES.filter((p) => p !== "/signin" && p !== "/signup")) {
    test(`${pagePath} has no serious or critical violation`, async ({ page }) => {
      await signInAsAdminInBrowser(page, "a11y admin password 1");
      expect(await seriousViolations(page, pagePath)).toEqual([]);
      await expect(page.getByTestId("signed-in-as")).toHaveText(E2E_ADMIN_EMAIL);
    });
  }
});

/** Presses Tab until `target` has focus (as a keyboard user would), failing after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${target} not reached with ${limit} Tab presses`);
}

test.describe("keyboard paths", () => {
  test("analyze: choose a photo, write a caption and analyse with the keyboard only", async ({ page }) => {
    test.skip(!evalDataDir, "needs the eval photos in ../shared/eval");
    await page.goto("/analyze");
    await page.waitForLoadState("load");
    await tabTo(page, page.getByTestId("drop-zone"));
    const chooser = page.waitForEvent("filechooser");
    await page.keyboard.press("Enter");
    // The file dialog is the operating system's: Playwright answers it as the user would.
    await (await chooser).setFiles(evalPhoto("coral_pets.jpg"));
    await expect(page.getByTestId("chosen-file")).toContainText("coral_pets.jpg");
    await tabTo(page, page.getByTestId("caption"));
    await page.keyboard.type("Two dogs lying on the grass");
    await tabTo(page, page.getByTestId("analyze-button"));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("results")).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId("objects")).toContainText("dog");
    // The page with a result on it passes axe too.
    expect(await axeSerious(page)).toEqual([]);
  });

  test("keys: create a key and copy it with the keyboard only", async ({ page, context, baseURL }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
    await signInInBrowser(page, "a11y-keys@e2e.example", "a11y keys password 1");
    await page.goto("/keys");
    await page.waitForLoadState("load");
    const name = page.getByLabel("Name");
    await tabTo(page, name);
    await page.keyboard.type("keyboard-made key");
    await tabTo(page, page.getByRole("button", { name: "Create key" }));
    await page.keyboard.press("Enter");
    const key = await page.getByTestId("new-key-value").textContent();
    expect(key?.length).toBeGreaterThan(20);
    const copy = page.getByRole("button", { name: "Copy" });
    await tabTo(page, copy);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key?.trim());
  });
});
