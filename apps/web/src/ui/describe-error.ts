import {
  AccessDeniedError,
  ChallengeSessionExpiredError,
  ClientError,
  CodeMismatchError,
  ConflictError,
  ExpiredCodeError,
  ForbiddenError,
  NetworkError,
  NonceMismatchError,
  NoPendingChallengeError,
  NotFoundError,
  OAuthError,
  PasswordPolicyError,
  ServerError,
  SessionExpiredError,
  StateMismatchError,
  TimeoutError,
  UsernameExistsError,
  ValidationError,
} from '@org/client/browser';

/** What a page shows for an error: one message, and messages per form field. */
export interface ErrorView {
  readonly message: string;
  /** Field name (`title`, `password`…) → what is wrong with it. */
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The form field a `ValidationError` detail belongs to: `body.title` → `title`, `body.tags[2]` → `tags` (the
 * API writes array items with brackets). Paths outside the body (query, headers) belong to no field.
 */
export function fieldOfPath(path: string): string | undefined {
  return /^body\.([^.[]+)/.exec(path)?.[1];
}

/** Turns anything a client call throws into what the page shows; never the raw error of an unknown kind. */
export function describeError(error: unknown): ErrorView {
  if (error instanceof ValidationError) {
    const fields: Record<string, string> = {};
    const others: string[] = [];
    for (const { path, reason } of error.details) {
      const field = fieldOfPath(path);
      if (field === undefined) others.push(`${path} ${reason}`);
      else fields[field] ??= reason;
    }
    const message =
      others.length > 0
        ? `The request was refused: ${others.join('; ')}`
        : Object.keys(fields).length > 0
          ? 'Please correct the fields marked below.'
          : error.message;
    return { message, fields };
  }
  // Cognito's own messages say what is wrong ("Password did not conform with policy: …"), so they are kept.
  if (error instanceof PasswordPolicyError)
    return { message: error.message, fields: { password: error.message } };
  if (error instanceof UsernameExistsError) {
    return { message: error.message, fields: { email: 'An account with this email already exists.' } };
  }
  if (error instanceof CodeMismatchError || error instanceof ExpiredCodeError) {
    return { message: error.message, fields: { code: error.message } };
  }
  // A sign-in step that waited too long (or was already used): the code field is not the problem.
  if (error instanceof ChallengeSessionExpiredError || error instanceof NoPendingChallengeError) {
    return { message: 'This sign-in has expired. Please start again.', fields: {} };
  }
  if (error instanceof AccessDeniedError) {
    return { message: 'The sign-in on the hosted page was cancelled or refused.', fields: {} };
  }
  // A callback this tab did not start (or already used) and tokens not issued for this sign-in are refused
  // alike: nothing was signed in, and a fresh start is what helps.
  if (error instanceof StateMismatchError || error instanceof NonceMismatchError) {
    return {
      message: 'This sign-in link is stale or was started in another tab. Please sign in again.',
      fields: {},
    };
  }
  if (error instanceof OAuthError) {
    return { message: `The hosted sign-in page refused the sign-in (${error.message}).`, fields: {} };
  }
  if (error instanceof SessionExpiredError) {
    return { message: 'Your session has expired. Please sign in again.', fields: {} };
  }
  if (error instanceof ForbiddenError) {
    return { message: 'You do not have access to this page (403 Forbidden).', fields: {} };
  }
  if (error instanceof NotFoundError) return { message: 'Not found: it may have been deleted.', fields: {} };
  if (error instanceof ConflictError) {
    return { message: 'Someone else changed this in the meantime.', fields: {} };
  }
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return { message: 'The server cannot be reached. Check your connection and try again.', fields: {} };
  }
  if (error instanceof ServerError) {
    return {
      message: `Something went wrong on the server${error.requestId ? ` (request ${error.requestId})` : ''}. Please try again.`,
      fields: {},
    };
  }
  if (error instanceof ClientError) return { message: error.message, fields: {} };
  return { message: 'Something unexpected went wrong. Please try again.', fields: {} };
}
