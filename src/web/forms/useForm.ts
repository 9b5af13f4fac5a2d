/**
 * Form state that validates as you type: errors of a field show once it has been left (or the form
 * submitted) and then follow every keystroke; server errors show until the field is edited.
 */

import type { TFunction } from 'i18next';
import { type ChangeEvent, type FormEvent, useCallback, useState } from 'react';
import { isApiError } from '../api/client.ts';
import type { FieldErrors } from './validation.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The props `bind` gives an input, select or textarea. */
export interface BoundControl {
  name: string;
  value: string;
  onChange: (event: ChangeEvent<Control>) => void;
  onBlur: () => void;
}

/** What a field component takes of its form: the control's props and the error to show. */
export interface FormFields<K extends string> {
  bind(field: K): BoundControl;
  errorOf(field: K): string | undefined;
}

export function useForm<V extends Record<string, string>>(initial: V, validate: (values: V) => FieldErrors) {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const clientErrors = validate(values);

  const set = useCallback((changes: Partial<V>) => {
    setValues((prev) => ({ ...prev, ...changes }));
    setServerErrors((prev) => {
      const keys = Object.keys(changes);
      if (!keys.some((k) => k in prev)) return prev;
      const next = { ...prev };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);

  const errorOf = (field: keyof V & string): string | undefined =>
    serverErrors[field] ?? (submitted || touched.has(field) ? clientErrors[field] : undefined);

  /** A form-level message: "the form has errors" fades once no field shows one. */
  const [notice, setNotice] = useState<{ kind: 'invalid' } | { kind: 'text'; text: string } | null>(null);

  const bind = (field: keyof V & string) => ({
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<Control>) => set({ [field]: event.target.value } as Partial<V>),
    onBlur: () => setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field))),
  });

  const reset = () => {
    setValues(initial);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setNotice(null);
  };

  return {
    values,
    set,
    bind,
    errorOf,
    clientErrors,
    hasClientErrors: Object.keys(clientErrors).length > 0,
    hasServerErrors: Object.keys(serverErrors).length > 0,
    markSubmitted: () => setSubmitted(true),
    setServerErrors,
    notice,
    setNotice,
    reset,
  };
}

/** Moves focus to the first field of `order` that has an error. */
export function focusFirstError(formId: string, order: readonly string[], errors: FieldErrors): void {
  const first = order.find((f) => errors[f]);
  if (first) document.getElementById(`${formId}-${first}`)?.focus();
}

/** The text of a form's notice, or null once an "invalid" notice no longer applies. */
export function noticeText(
  form: Pick<ReturnType<typeof useForm>, 'notice' | 'hasClientErrors' | 'hasServerErrors'>,
  t: TFunction,
): string | null {
  if (!form.notice) return null;
  if (form.notice.kind === 'text') return form.notice.text;
  return form.hasClientErrors || form.hasServerErrors ? t('common.formInvalid') : null;
}

type FormFlow = Pick<
  ReturnType<typeof useForm>,
  'markSubmitted' | 'hasClientErrors' | 'clientErrors' | 'setNotice' | 'setServerErrors'
>;

/**
 * The submit handler of a form: with errors, says the form has some and focuses the first (in
 * `order`); otherwise clears the notice and calls `send`.
 */
export function submitWhenValid(form: FormFlow, formId: string, order: readonly string[], send: () => void) {
  return (event: FormEvent) => {
    event.preventDefault();
    form.markSubmitted();
    if (form.hasClientErrors) {
      form.setNotice({ kind: 'invalid' });
      focusFirstError(formId, order, form.clientErrors);
      return;
    }
    form.setNotice(null);
    send();
  };
}

/** The errors by field of an API refusal, its paths (`grants.0.role`…) mapped onto the form's fields. */
export function apiFieldErrors(error: unknown, fieldOf: (path: string) => string = (path) => path): FieldErrors {
  const fields: FieldErrors = {};
  if (!isApiError(error)) return fields;
  for (const [path, message] of Object.entries(error.fieldErrors())) fields[fieldOf(path)] ??= message;
  return fields;
}

/**
 * Shows a refusal of the server: by the fields it names when the form has them ("the form has
 * errors" at the top), else `text` at the top; focuses the first field in error.
 */
export function showServerErrors(
  form: FormFlow,
  formId: string,
  order: readonly string[],
  fields: FieldErrors,
  text: string,
): void {
  const known = Object.keys(fields).some((f) => order.includes(f));
  form.setServerErrors(fields);
  form.setNotice(known ? { kind: 'invalid' } : { kind: 'text', text });
  focusFirstError(formId, order, fields);
}
