import { z } from "zod";

/**
 * The public API speaks snake_case. A few internal shapes are camelCase because they are stored as
 * such (benchmark results in JSON columns, read by the dashboard as they are); they cross the API
 * boundary through these two functions, which rename the same keys in a value and in its zod schema,
 * so the answer and its OpenAPI description agree.
 */

const camelKey = /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/;

export const snakeCaseKey = (key: string) => (camelKey.test(key) ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key);

/** Renames the camelCase keys of every object in a JSON value. */
export function toSnakeCaseKeys<T>(value: T): unknown {
  if (Array.isArray(value)) return value.map(toSnakeCaseKeys);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCaseKey(key), toSnakeCaseKeys(inner)]));
  }
  return value;
}

/** The same renaming on a schema: objects, arrays, unions, records' values, optional/nullable/default wrappers. */
export function snakeCaseSchema(schema: z.ZodType): z.ZodType {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const description = schema.description;
  const renamed = ((): z.ZodType => {
    switch (def.type) {
      case "object": {
        const shape = def.shape as Record<string, z.ZodType>;
        return z.object(Object.fromEntries(Object.entries(shape).map(([key, inner]) => [snakeCaseKey(key), snakeCaseSchema(inner)])));
      }
      case "array":
        return z.array(snakeCaseSchema(def.element as z.ZodType));
      case "union":
        return z.union((def.options as z.ZodType[]).map(snakeCaseSchema) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
      case "record":
        return z.record(def.keyType as z.ZodString, snakeCaseSchema(def.valueType as z.ZodType));
      case "optional":
        return snakeCaseSchema(def.innerType as z.ZodType).optional();
      case "nullable":
        return snakeCaseSchema(def.innerType as z.ZodType).nullable();
      case "default":
        return snakeCaseSchema(def.innerType as z.ZodType).default(toSnakeCaseKeys(def.defaultValue) as never);
      default:
        return schema;
    }
  })();
  return description && renamed !== schema ? renamed.describe(description) : renamed;
}
