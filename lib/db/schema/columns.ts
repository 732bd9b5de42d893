import { customType } from "drizzle-orm/pg-core";

/** Binary column (uploads kept for history or for a batch item), read back as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
