const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids in URLs are untrusted text: one that is not a UUID finds nothing instead of failing the query. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
