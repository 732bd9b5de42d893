/**
 * Process-wide shared instances created on first use: ONNX sessions, WebAssembly language models,
 * the sentence encoder, the label vocabulary. Concurrent first callers share one creation (a
 * promise); a creation that fails is forgotten, so a later call tries again (e.g. once a download
 * has finished). Kept on globalThis so Next's dev reloads reuse them instead of loading twice.
 */

const globalForSingletons = globalThis as unknown as { insightSingletons?: Map<string, Promise<unknown>> };
const singletons = (globalForSingletons.insightSingletons ??= new Map());

export function processSingleton<T>(key: string, create: () => Promise<T>): Promise<T> {
  let pending = singletons.get(key) as Promise<T> | undefined;
  if (!pending) {
    const created = create();
    singletons.set(key, created);
    created.catch(() => {
      if (singletons.get(key) === created) singletons.delete(key);
    });
    pending = created;
  }
  return pending;
}

/** Drops the instances whose key starts with `prefix` and returns them (to release, or in tests to rebuild). */
export function forgetProcessSingletons(prefix: string): Promise<unknown>[] {
  const dropped: Promise<unknown>[] = [];
  for (const [key, pending] of singletons) {
    if (key.startsWith(prefix)) {
      dropped.push(pending);
      singletons.delete(key);
    }
  }
  return dropped;
}

const globalForValues = globalThis as unknown as { insightSyncSingletons?: Map<string, unknown> };
const values = (globalForValues.insightSyncSingletons ??= new Map());

/**
 * The synchronous kind, for instances created cheaply and used on hot paths where awaiting a promise
 * would be a cost or a hazard (the metrics registry: a counter must be incremented before the
 * response leaves, and one registry must serve every copy of a module Next may load).
 */
export function processSingletonSync<T>(key: string, create: () => T): T {
  if (!values.has(key)) values.set(key, create());
  return values.get(key) as T;
}
