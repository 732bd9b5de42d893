import { expect, test } from "@playwright/test";
import { evalDataDir, evalPhoto } from "./eval-data";

test.describe("analyze page", () => {
  test.skip(!evalDataDir, "needs the eval photos in ../shared/eval");

  test("uploads a photo and sees labels, boxes and the caption judged", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto("/analyze");
    await page.getByTestId("drop-zone-input").setInputFiles(evalPhoto("coral_pets.jpg"));
    await expect(page.getByTestId("chosen-file")).toContainText("coral_pets.jpg");
    await page.getByTestId("caption").fill("Two dogs lying on the grass");
    await page.getByTestId("analyze-button").click();

    await expect(page.getByTestId("results")).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId("detection-box")).toHaveCount(2);
    await expect(page.getByTestId("objects")).toContainText("dog");
    await expect(page.getByTestId("labels").locator("li")).toHaveCount(5);
    await expect(page.getByTestId("relation-verdict")).toHaveText("The image supports the text");
    await expect(page.getByTestId("relation")).toContainText("dogs");
    await expect(page.getByTestId("timings")).toContainText("detect");
    expect(consoleErrors).toEqual([]);
  });

  test("explains a bad file in words", async ({ page }) => {
    await page.goto("/analyze");
    await page.getByTestId("drop-zone-input").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("just some text, not a picture") });
    await page.getByTestId("caption").fill("a picture");
    await page.getByTestId("analyze-button").click();
    await expect(page.getByTestId("problem")).toContainText("not an image");
  });

  test("works on a phone-sized screen with the keyboard", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/analyze");
    await page.getByTestId("drop-zone").focus();
    await expect(page.getByTestId("drop-zone")).toBeFocused();
    await page.getByTestId("analyze-button").click();
    await expect(page.getByTestId("problem")).toContainText("Choose, drop or paste an image first");
  });
});
