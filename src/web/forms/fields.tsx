/** Fields and actions several forms share, bound to a form of useForm: field ids are `${formId}-${name}`. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ControlProps, Field } from '../components/Field.tsx';
import type { BoundControl, FormFields } from './useForm.ts';

interface BoundFieldProps<K extends string> {
  form: FormFields<K>;
  formId: string;
  name: K;
  label: string;
  hint?: string;
  optional?: boolean;
  className?: string;
}

/** A Field whose control is bound to the form's value `name`, and shows its error. */
function BoundField<K extends string>(
  props: BoundFieldProps<K> & { children: (control: ControlProps & BoundControl) => ReactNode },
) {
  const { form, name } = props;
  return (
    <Field
      id={`${props.formId}-${name}`}
      label={props.label}
      hint={props.hint}
      error={form.errorOf(name)}
      optional={props.optional}
      className={props.className}
    >
      {(c) => props.children({ ...c, ...form.bind(name) })}
    </Field>
  );
}

/** A FINESS number: nine characters, typed as a code (no autofill, no spell check). */
export function FinessField<K extends string>(props: BoundFieldProps<K> & { inputMode?: 'text' }) {
  const { inputMode, ...field } = props;
  return (
    <BoundField {...field}>
      {(c) => (
        <input
          {...c}
          className="input-code"
          inputMode={inputMode}
          maxLength={9}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </BoundField>
  );
}

/** A choice among fixed options: `children` are the select's options. */
export function SelectField<K extends string>(props: BoundFieldProps<K> & { children: ReactNode }) {
  const { children, ...field } = props;
  return <BoundField {...field}>{(c) => <select {...c}>{children}</select>}</BoundField>;
}

/** A calendar day, with the browser's date picker; `max`: the last day it may be (e.g. today for what was done). */
export function DateField<K extends string>(props: BoundFieldProps<K> & { max?: string }) {
  const { max, ...field } = props;
  return <BoundField {...field}>{(c) => <input {...c} type="date" max={max} />}</BoundField>;
}

/** The reason of a change (kept in the history), or a note: two lines, 500 characters at most. */
export function ReasonField<K extends string>(props: BoundFieldProps<K>) {
  return <BoundField {...props}>{(c) => <textarea {...c} rows={2} maxLength={500} />}</BoundField>;
}

/**
 * A form's actions: its submit button (saying so while the form is sent), then what else the form
 * offers (cancel, a second way to send, a note).
 */
export function SubmitActions(props: {
  pending: boolean;
  submit: string;
  submitting: string;
  /** The submit button's weight: secondary when the form is not the page's main action. */
  tone?: 'primary' | 'secondary';
  disabled?: boolean;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div className={props.className ? `form-actions ${props.className}` : 'form-actions'}>
      <button
        type="submit"
        className={`button button-${props.tone ?? 'primary'}`}
        disabled={props.pending || props.disabled}
      >
        {props.pending ? props.submitting : props.submit}
      </button>
      {props.children}
    </div>
  );
}

/** The actions of a creation form: send it, or cancel back to `cancelTo`. */
export function CreateActions(props: {
  pending: boolean;
  submit: string;
  submitting: string;
  cancelTo: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const { cancelTo, ...submit } = props;
  return (
    <SubmitActions {...submit}>
      <Link to={cancelTo} className="button button-secondary">
        {t('common.cancel')}
      </Link>
    </SubmitActions>
  );
}
