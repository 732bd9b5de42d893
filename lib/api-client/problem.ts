/** A problem document as the browser sees it: what the typed client's `unwrap` rejects with, and pages show. */
export interface ProblemLike {
  title?: string;
  detail?: string;
  status?: number;
  code?: string;
  errors?: { field: string; message: string }[];
  request_id?: string;
}
