/**
 * Next's router fetches pages as RSC payloads for link prefetches and client-side navigations. Those
 * must never start a guest session: every visitor of any page would become a guest through the
 * header's prefetched links. Only a real page load does.
 */
export function isRouterRequest(headers: Headers): boolean {
  return headers.has("rsc") || headers.has("next-router-prefetch") || headers.get("sec-purpose")?.includes("prefetch") === true;
}
