import { expect, test } from "@playwright/test";
import sharp from "sharp";

// The /batch page in the browser: an account drops several images, queues them, and watches the batch finish.

async function signUp(page: import("@playwright/test").Page) {
  const email = `batch-${Date.now()}@example.test`;
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel(/^Password/).fill("batch page passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
}

const pngOf = async (colour: string) =>
  sharp({ create: { width: 96, height: 64, channels: 3, background: colour } })
    .png()
    .toBuffer();

test("an account queues several images as one batch and sees every item's answer with live progress", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  await page.goto("/batch");
  await page.getByTestId("batch-drop-zone-input").setInputFiles([
    { name: "red.png", mimeType: "image/png", buffer: await pngOf("#cc2222") },
    { name: "green.png", mimeType: "image/png", buffer: await pngOf("#22aa44") },
    { name: "not-an-image.png", mimeType: "image/png", buffer: Buffer.from("just text") },
  ]);
  await expect(page.getByTestId("batch-chosen")).toContainText("3 files chosen");
  await page.getByLabel("Safety-check images").check();
  await page.getByTestId("batch-submit").click();

  const detail = page.getByTestId("batch-detail");
  await expect(detail.getByTestId("job-progress")).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  await expect(detail.getByTestId("batch-item")).toHaveCount(3);
  await expect(detail.locator('[data-testid=batch-item][data-status="done"]')).toHaveCount(2);
  await expect(detail.locator('[data-testid=batch-item][data-status="failed"]')).toContainText(/image/i);
  await expect(page.getByTestId("batch-list").getByTestId("job-progress").first()).toContainText("2 done, 1 failed of 3");

  await page.getByRole("button", { name: "Show secret" }).click();
  await expect(page.getByTestId("webhook-secret")).toContainText("whsec_");
});

test("the batch page asks a visitor to sign up", async ({ page }) => {
  await page.goto("/batch");
  await expect(page.getByTestId("account-required")).toBeVisible();
});
