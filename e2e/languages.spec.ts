import { expect, test } from "@playwright/test";

test.describe("languages page", () => {
  test("types mixed German and English and sees both languages", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto("/languages");
    await expect(page.getByRole("heading", { name: "Identify languages" })).toBeVisible();
    const input = page.getByLabel("Text to analyse");
    await input.click();
    await input.pressSequentially("Ich habe heute leider keine Zeit, weil ich noch arbeiten muss. ", { delay: 5 });
    await input.pressSequentially("But I will call you tomorrow morning, I promise.", { delay: 5 });
    await page.getByTestId("analyze-button").click();

    await expect(page.getByTestId("language-result")).toBeVisible({ timeout: 30_000 });
    const segments = page.getByTestId("segment");
    await expect(segments).toHaveCount(2);
    await expect(segments.nth(0)).toHaveAttribute("data-language", "de");
    await expect(segments.nth(0)).toContainText("German (de)");
    await expect(segments.nth(1)).toHaveAttribute("data-language", "en");
    await expect(segments.nth(1)).toContainText("English (en)");
    await expect(page.getByTestId("highlighted-text").locator("mark")).toHaveCount(2);
    await expect(page.getByTestId("overall-language")).toContainText("The text mixes languages");
    await expect(page.getByTestId("stats")).toContainText("Words");
    expect(consoleErrors).toEqual([]);
  });

  test("says when a text is too short to tell", async ({ page }) => {
    await page.goto("/languages");
    await page.getByLabel("Text to analyse").fill("ok");
    await page.getByTestId("analyze-button").click();
    await expect(page.getByTestId("unreliable-message")).toContainText("letters");
    await expect(page.getByTestId("overall-language")).toContainText("not reliable");
  });

  test("explains an empty submission and an API error in words", async ({ page }) => {
    await page.goto("/languages");
    await page.getByTestId("analyze-button").click();
    await expect(page.getByTestId("problem")).toContainText("No text yet");
    // Control characters only: the API answers 400 problem+json, shown as a message.
    await page.getByLabel("Text to analyse").fill("\u0001\u0002\u0003");
    await page.getByTestId("analyze-button").click();
    await expect(page.getByTestId("problem")).toContainText("empty");
  });

  test("works on a phone-sized screen with a non-Latin script", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/languages");
    await page.getByRole("button", { name: "Thai" }).click();
    await page.getByTestId("analyze-button").click();
    await expect(page.getByTestId("overall-language")).toHaveAttribute("data-language", "th");
    await expect(page.getByTestId("segment").first()).toContainText("Thai");
    // Nothing overflows the viewport horizontally.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test("is linked from the header", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Languages" }).click();
    await expect(page).toHaveURL(/\/languages$/);
  });
});
