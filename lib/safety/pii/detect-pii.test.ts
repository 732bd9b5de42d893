import { describe, expect, it } from "vitest";
import { germanTaxIdValid, ibanValid, luhnValid } from "./checksums";
import { detectPii, piiTypes, type PiiType } from "./detect-pii";

const positives: Record<PiiType, { text: string; value: string }> = {
  email: { text: "Write to jane.doe+news@example.co.uk today.", value: "jane.doe+news@example.co.uk" },
  phone: { text: "Call me on +44 20 7946 0958 after six.", value: "+44 20 7946 0958" },
  credit_card: { text: "My card is 5555 5555 5555 4444, expiry 10/28.", value: "5555 5555 5555 4444" },
  iban: { text: "Pay to GB82 WEST 1234 5698 7654 32 please.", value: "GB82 WEST 1234 5698 7654 32" },
  us_ssn: { text: "SSN: 123-45-6789 on file.", value: "123-45-6789" },
  de_tax_id: { text: "Meine Steuer-ID ist 86095742719.", value: "86095742719" },
  uk_nino: { text: "NI number AB 12 34 56 C.", value: "AB 12 34 56 C" },
};

describe("detectPii", () => {
  it.each(piiTypes.map((t) => [t, positives[t]] as const))("finds %s with its span and a masked preview", (type, { text, value }) => {
    const { findings, score } = detectPii(text);
    const finding = findings.find((f) => f.type === type);
    expect(finding, JSON.stringify(findings)).toBeDefined();
    expect(text.slice(finding!.start, finding!.end)).toBe(value);
    // The preview never repeats the full value, and never all the digits of a number.
    expect(finding!.masked).not.toBe(value);
    const digits = value.replace(/\D/g, "");
    if (digits.length >= 8) expect(finding!.masked.replace(/\D/g, "").length).toBeLessThanOrEqual(4);
    expect(score).toBeGreaterThan(0);
  });

  it("marks high-risk identifiers as unsafe-level risk and contact details as low", () => {
    expect(detectPii(positives.credit_card.text).score).toBeGreaterThan(0.5);
    expect(detectPii(positives.email.text).score).toBeLessThan(0.5);
  });

  it.each([
    ["card failing Luhn", "Card 4111 1111 1111 1112"],
    ["IBAN with a wrong check digit", "IBAN GB83 WEST 1234 5698 7654 32"],
    ["SSN with area 000", "SSN 000-12-3456"],
    ["tax id failing its check digit", "Steuer-ID 86095742718"],
    ["dates and versions", "Released 2024-05-12 at 10:30, version 1.2.3, build 20240512"],
    ["an order number", "Order 123456789012 shipped"],
  ])("ignores %s", (_, text) => {
    expect(detectPii(text).findings).toEqual([]);
  });

  it("checks checksums directly", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(ibanValid("DE89370400440532013000")).toBe(true);
    expect(ibanValid("DE89370400440532013001")).toBe(false);
    expect(germanTaxIdValid("86095742719")).toBe(true);
    expect(germanTaxIdValid("11111111111")).toBe(false);
  });

  it("finds PII disguised with fullwidth digits and maps the span to the original", () => {
    const text = "card ４１１１ １１１１ １１１１ １１１１";
    const finding = detectPii(text).findings[0];
    expect(finding.type).toBe("credit_card");
    expect(text.slice(finding.start, finding.end)).toBe("４１１１ １１１１ １１１１ １１１１");
  });
});
