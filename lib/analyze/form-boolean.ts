import { z } from "zod";

/** A boolean that arrives as JSON `true`/`false` or as a multipart text part "true"/"false"/"1"/"0". */
export const formBoolean = z.preprocess(
  (value) => (value === "true" || value === "1" ? true : value === "false" || value === "0" ? false : value),
  z.boolean({ error: "must be true or false" }),
);
