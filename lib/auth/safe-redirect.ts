const BASE = "http://same-origin.invalid";

/**
 * Only a path on this site (`/analyze?x=1`), never another origin. The value is parsed as a browser
 * would (the URL parser drops tabs and newlines and reads `\` as `/`, so `/\t/evil.example` and
 * `/\evil.example` are `//evil.example`), then must still be on our origin; what is returned is the
 * parsed path, query and fragment, so what the browser follows is what was checked.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value?.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that itself starts with `//` or `/\` would be read as another host once more by whoever resolves it.
  return path.startsWith("//") || path.startsWith("/\\") ? fallback : path;
}
