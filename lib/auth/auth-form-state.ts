/** What a sign-in or sign-up form action answers when it does not redirect. */
export interface AuthFormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  /** What was typed, so the form (which React resets after an action) keeps it. */
  email?: string;
  name?: string;
}
