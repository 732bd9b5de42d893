import { z } from "zod";

/** The Open Inference Protocol's inference request body (JSON part), as the server checks it and the OpenAPI document shows it. */

const parametersSchema = z.record(z.string(), z.unknown()).optional();
const tensorSchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number()),
  datatype: z.string(),
  data: z.unknown().optional(),
  parameters: parametersSchema,
});
export const inferRequestSchema = z.object({
  id: z.string().max(256).optional(),
  parameters: parametersSchema,
  inputs: z.array(tensorSchema).min(1, "give at least one input tensor"),
  outputs: z.array(z.object({ name: z.string().min(1), parameters: parametersSchema })).optional(),
});
export type InferRequest = z.infer<typeof inferRequestSchema>;
