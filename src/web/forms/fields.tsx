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

/** The reason of a change (kept in the history), or a note: two lines, 500 characters at most. */
export function ReasonField<K extends string>(props: BoundFieldProps<K>) {
  return <BoundField {...props}>{(c) => <textarea {...c} rows={2} maxLength={500} />}</BoundField>;
}

/** The actions of a creation form: send it (saying so while it is sent), or cancel back to `cancelTo`. */
export function CreateActions(props: {
  pending: boolean;
  submit: string;
  submitting: string;
  cancelTo: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className={props.className ? `form-actions ${props.className}` : 'form-actions'}>
      <button type="submit" className="button button-primary" disabled={props.pending}>
        {props.pending ? props.submitting : props.submit}
      </button>
      <Link to={props.cancelTo} className="button button-secondary">
        {t('common.cancel')}
      </Link>
    </div>
  );
}
