import { z } from "zod";
import { problemStatusByCode, type ProblemCode } from "../errors";

/** The problem document (RFC 9457) every error of the API is; `type` resolves to /docs/errors#<code>. */
export const problemSchema = z.object({
  type: z.string().describe("A link to this error's explanation: /docs/errors#<code>"),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().describe("What went wrong with this request, and what to do"),
  code: z.enum(Object.keys(problemStatusByCode) as [ProblemCode, ...ProblemCode[]]),
  instance: z.string().optional().describe("The request path"),
  request_id: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe("Invalid fields, for invalid_input"),
});
