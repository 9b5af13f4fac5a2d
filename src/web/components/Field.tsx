/** A labelled form field: label, optional marker, hint, and the error said next to the input. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.optional ? <span className="field-optional"> ({t('common.optional')})</span> : null}
      </label>
      {props.hint ? (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      {props.children({
        id: props.id,
        'aria-describedby': describedBy,
        ...(props.error ? { 'aria-invalid': true as const } : {}),
        ...(props.optional ? {} : { 'aria-required': true as const }),
      })}
      {props.error ? (
        <p id={errorId} className="field-error">
          <span aria-hidden="true" className="field-error-icon">
            ⚠
          </span>{' '}
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
