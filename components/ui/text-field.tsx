import type { InputHTMLAttributes, LabelHTMLAttributes, TextareaHTMLAttributes } from "react";

// One look for every text entry in the app: border, radius, focus ring and a 16 px font on phones
// (smaller fonts make mobile Safari zoom into the field).
const fieldStyle = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm";

export function TextArea({ className = "", ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${fieldStyle} ${className}`} {...props} />;
}

export function TextInput({ className = "", ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${fieldStyle} ${className}`} {...props} />;
}

export function FieldLabel({ className = "", ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor or wrap the control
  return <label className={`block text-sm font-medium text-slate-800 ${className}`} {...props} />;
}
