/** An error announced to screen readers as soon as it appears (`role="alert"`). */
export function ErrorAlert({ message, id }: { message: string | undefined; id?: string }) {
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert" id={id}>
      {message}
    </p>
  );
}

/** A polite status message (`role="status"`), e.g. "Account confirmed". */
export function Notice({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="alert alert-info" role="status">
      {message}
    </p>
  );
}
