/**
 * A request body read into one shape whether it came as JSON or multipart/form-data (lib/http reads
 * it; features such as the batch parser take it): plain data, no HTTP code, so it sits low enough
 * for both.
 */
export interface RequestBody {
  /** Plain values: JSON members, or multipart text fields. */
  values: Record<string, unknown>;
  /** Binary fields by name. */
  files: Record<string, Buffer>;
  /** Media type each file claimed (multipart part type or data-URL type), for messages only. */
  fileTypes: Record<string, string | undefined>;
  /** Every file part in order, with its file name: for fields that may repeat (`repeatedFileFields`). */
  uploads: { field: string; fileName: string | undefined; bytes: Buffer; type: string | undefined }[];
  kind: "json" | "multipart";
}
