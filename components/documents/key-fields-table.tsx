import type { DocumentResult, KeyFieldView } from "@/lib/api-client/analysis-types";

const kindLabels: Record<KeyFieldView["kind"], string> = {
  merchant: "Merchant",
  date: "Date",
  total: "Total",
  amount: "Amount",
  email: "E-mail",
  phone: "Phone",
  fax: "Fax",
  iban: "IBAN",
  invoice_number: "Invoice number",
  receipt_number: "Receipt number",
  vat_id: "VAT id",
};

function display(field: KeyFieldView): string {
  if (field.amount !== undefined) return `${field.amount.toFixed(2)}${field.currency ? ` ${field.currency}` : ""}`;
  return field.value;
}

/** Merchant, date and total first, then every other field found, each with the line it was read from. */
export function KeyFieldsTable({ keyFields, onActivate }: { keyFields: DocumentResult["key_fields"]; onActivate: (index: number | null) => void }) {
  const headline = [keyFields.merchant, keyFields.date, keyFields.total].filter((f): f is KeyFieldView => f !== null);
  const others = keyFields.fields.filter((f) => f.kind !== "date" || f.line_index !== keyFields.date?.line_index);
  const rows = [...headline, ...others];
  if (rows.length === 0) return <p className="text-sm text-slate-600">No dates, amounts, totals or contact details were found.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="key-fields">
        <caption className="sr-only">Key fields found on the page, with the line each came from</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Field
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Value
            </th>
            <th scope="col" className="py-1 font-medium">
              Read from line
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((field, i) => (
            <tr
              key={`${field.kind}-${field.line_index}-${i}`}
              data-testid={`key-field-${field.kind}`}
              className={i < headline.length ? "font-medium" : ""}
              onMouseEnter={() => onActivate(field.line_index)}
              onMouseLeave={() => onActivate(null)}
            >
              <th scope="row" className="py-1.5 pr-3 font-normal text-slate-600">
                {kindLabels[field.kind]}
                {field.label && <span className="block text-xs text-slate-500">“{field.label}”</span>}
              </th>
              <td className="py-1.5 pr-3 tabular-nums text-slate-900">{display(field)}</td>
              <td className="py-1.5 font-mono text-xs text-slate-600">
                {field.line_index + 1}: {field.row_text}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
