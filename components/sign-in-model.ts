/** The sign-in form's words, and what it checks before asking the server. */

/** What the sign-in action answers the form: why it refused, and what was typed. */
export interface SignInState {
  error: string | null;
  /** What was typed, so a failed attempt does not make the planner type their email again. */
  email?: string;
}

/** A refused sign-in: wrong password, unknown email, or an account that was deactivated (one answer for all three). */
export const CREDENTIALS_REFUSED = 'That email and password do not match an active account.';

/** What is missing from the form, said before anything is sent (an empty form is not a wrong password); null if both are there. */
export function missingCredentials(email: string, password: string): string | null {
  const noEmail = email.trim() === '';
  const noPassword = password === '';
  if (noEmail && noPassword) return 'Enter your email and password.';
  if (noEmail) return 'Enter your email.';
  if (noPassword) return 'Enter your password.';
  return null;
}
