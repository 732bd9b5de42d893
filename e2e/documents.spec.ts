import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { evalDataDir } from "./eval-data";

// The documents page against the production build: a page rendered here with sharp (SVG text), so
// the test knows exactly what it says, and a rotated scan from the eval data when it is present.
const receiptLines = ["MUSTERMARKT", "Hauptstrasse 12", "Datum 18.04.2020", "Brot 2,49", "Milch 1,19", "Summe EUR 3,68"];

async function renderedReceipt(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="520" height="${60 + receiptLines.length * 56}"><rect width="100%" height="100%" fill="white"/>${receiptLines
    .map((text, i) => `<text x="40" y="${60 + i * 56}" font-family="DejaVu Sans Mono" font-size="${i === 0 ? 40 : 28}" fill="black">${text}</text>`)
    .join("")}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

test.describe("documents page", () => {
  test("uploads a page, sees its text and line boxes, key fields, and asks a question", async ({ page }) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto("/documents");
    await page.getByTestId("document-drop-zone-input").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: await renderedReceipt() });
    await expect(page.getByTestId("chosen-file")).toContainText("receipt.png");

    await expect(page.getByTestId("document-result")).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId("line-box")).toHaveCount(receiptLines.length);
    await expect(page.getByTestId("extracted-text")).toContainText("Hauptstrasse 12");
    await expect(page.getByTestId("extracted-text").locator("li")).toHaveText(receiptLines);
    await expect(page.getByTestId("key-field-total")).toContainText("3.68 EUR");
    await expect(page.getByTestId("key-field-date").first()).toContainText("2020-04-18");
    await expect(page.getByTestId("key-field-merchant")).toContainText("MUSTERMARKT");
    await expect(page.getByTestId("stage-timings")).toContainText("recognition");

    await page.getByTestId("question-input").fill("Wie viel kostet die Milch?");
    await page.getByTestId("ask-button").click();
    await expect(page.getByTestId("answer-text")).toHaveText("1.19 EUR", { timeout: 45_000 });
    await expect(page.getByTestId("passages").locator("li").first()).toContainText("Milch 1,19");
    expect(consoleErrors).toEqual([]);
  });

  test("says so when a page has no text, and explains a file that is no image", async ({ page }) => {
    await page.goto("/documents");
    const blank = await sharp({ create: { width: 400, height: 560, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer();
    await page.getByTestId("document-drop-zone-input").setInputFiles({ name: "blank.png", mimeType: "image/png", buffer: blank });
    await expect(page.getByTestId("warnings")).toContainText("No text was found", { timeout: 45_000 });
    await expect(page.getByTestId("line-box")).toHaveCount(0);

    await page
      .getByTestId("document-drop-zone-input")
      .setInputFiles({ name: "scan.png", mimeType: "image/png", buffer: Buffer.from("a text file pretending to be a scan") });
    await expect(page.getByTestId("problem")).toContainText("not an image");
  });

  test("reaches the drop zone and the question box with the keyboard on a phone-sized screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/documents");
    await page.keyboard.press("Tab");
    for (let i = 0; i < 15 && !(await page.getByTestId("document-drop-zone").evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(page.getByTestId("document-drop-zone")).toBeFocused();
    const chooser = page.waitForEvent("filechooser");
    await page.keyboard.press("Enter");
    await (await chooser).setFiles({ name: "receipt.png", mimeType: "image/png", buffer: await renderedReceipt() });
    await expect(page.getByTestId("document-result")).toBeVisible({ timeout: 45_000 });
    await page.getByTestId("ask-button").click();
    await expect(page.getByTestId("problem")).toContainText("Type a question");
  });

  test("reads the sideways phototest scan and draws its boxes on the page as uploaded", async ({ page }) => {
    test.skip(!evalDataDir, "needs ../shared/eval");
    const scan = readFileSync(path.join(evalDataDir!, "images", "ocr", "tesseract_phototest-rotated-L.png"));
    await page.goto("/documents");
    await page.getByTestId("document-drop-zone-input").setInputFiles({ name: "phototest-L.png", mimeType: "image/png", buffer: scan });
    await expect(page.getByTestId("document-result")).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId("extracted-text")).toContainText("This is a lot of 12 point text to test the");
    await expect(page.getByTestId("line-box")).toHaveCount(8);
    await expect(page.getByTestId("document-result")).toContainText("turning the page 90° clockwise");
  });
});
