import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useId } from 'react';

interface FieldBase {
  readonly label: string;
  /** What is wrong with the value; shown under the field and linked to it with `aria-describedby`. */
  readonly error?: string | undefined;
  /** A hint shown under the label. */
  readonly hint?: string;
}

/** The attributes that tie a control to its label, hint and error. */
interface ControlLinks {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

/** The label, hint and error around one control, linked to it by ids. */
function FieldFrame({
  label,
  error,
  hint,
  control,
}: {
  label: string;
  error: string | undefined;
  hint: string | undefined;
  control: (links: ControlLinks) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled input with its hint and error next to it. */
export function TextField({
  label,
  error,
  hint,
  ...input
}: FieldBase & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      control={(links) => <input {...links} {...input} />}
    />
  );
}

/** A labelled multi-line input with its hint and error next to it. */
export function TextAreaField({
  label,
  error,
  hint,
  ...textarea
}: FieldBase & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <FieldFrame
      label={label}
      error={error}
      hint={hint}
      control={(links) => <textarea {...links} {...textarea} />}
    />
  );
}
