/** Only a path on this site (`/analyze?x=1`), never another origin (`//evil.example`, `https://…`). */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
