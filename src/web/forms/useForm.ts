/**
 * Form state that validates as you type: errors of a field show once it has been left (or the form
 * submitted) and then follow every keystroke; server errors show until the field is edited.
 * A form that should say nothing before it is sent takes `{ errorsOn: 'submit' }`.
 *
 * The state changes are one pure reducer (formReducer) and the control props pure builders
 * (controlsOf), so that both are tested without a browser (useForm.test.ts).
 */

import type { TFunction } from 'i18next';
import { type ChangeEvent, type FormEvent, useCallback, useReducer } from 'react';
import { isApiError } from '../api/client.ts';
import type { FieldErrors } from './validation.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * What a field holds: text (inputs, selects, textareas, a group of radios), a checkbox's tick, the
 * ticked options of a list of checkboxes, or a chosen file.
 */
export type FieldValue = string | boolean | readonly string[] | File | null;
export type FormValues = Record<string, FieldValue>;

/** The names of the fields of `V` that hold a `T`. */
type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;
type TextKey<V> = KeysOf<V, string>;
type CheckKey<V> = KeysOf<V, boolean>;
type ListKey<V> = KeysOf<V, readonly string[]>;
type FileKey<V> = KeysOf<V, File | null>;

/** The props `bind` gives an input, select or textarea. */
export interface BoundControl {
  name: string;
  value: string;
  onChange: (event: ChangeEvent<Control>) => void;
  onBlur: () => void;
}

/** The props of a checkbox or a radio button. */
export interface BoundChoice {
  name: string;
  value?: string;
  checked: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onBlur: () => void;
}

/**
 * The props of a file input (which React cannot control: it only reports the file chosen). Choosing
 * a file is what leaving the field is for a text: its error shows from then on.
 */
export interface BoundFile {
  name: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

/** What a field component takes of its form: the control's props and the error to show. */
export interface FormFields<K extends string> {
  bind(field: K): BoundControl;
  errorOf(field: K): string | undefined;
}

export type FormNotice = { kind: 'invalid' } | { kind: 'text'; text: string };

export interface FormState<V extends FormValues> {
  values: V;
  /** Fields left at least once. */
  touched: ReadonlySet<string>;
  /** Fields whose errors the last sending asked to show; 'all' once the whole form was sent. */
  attempted: ReadonlySet<string> | 'all';
  serverErrors: FieldErrors;
  /** A form-level message: "the form has errors" fades once no field shows one. */
  notice: FormNotice | null;
}

export type FormAction<V extends FormValues> =
  | { type: 'set'; changes: Partial<V> }
  | { type: 'touch'; field: string }
  | { type: 'attempt'; fields: readonly string[] | 'all' }
  | { type: 'serverErrors'; errors: FieldErrors | ((prev: FieldErrors) => FieldErrors) }
  | { type: 'notice'; notice: FormNotice | null }
  | { type: 'reset'; values: V };

export const initialFormState = <V extends FormValues>(values: V): FormState<V> => ({
  values,
  touched: new Set(),
  attempted: new Set(),
  serverErrors: {},
  notice: null,
});

export function formReducer<V extends FormValues>(state: FormState<V>, action: FormAction<V>): FormState<V> {
  switch (action.type) {
    case 'set': {
      const keys = Object.keys(action.changes);
      // Editing a field answers what the server said of it.
      const serverErrors = keys.some((k) => k in state.serverErrors)
        ? Object.fromEntries(Object.entries(state.serverErrors).filter(([k]) => !keys.includes(k)))
        : state.serverErrors;
      return { ...state, values: { ...state.values, ...action.changes }, serverErrors };
    }
    case 'touch':
      return state.touched.has(action.field) ? state : { ...state, touched: new Set(state.touched).add(action.field) };
    case 'attempt':
      // The last attempt decides: a step that needs only the reason stops showing the date's error.
      return { ...state, attempted: action.fields === 'all' ? 'all' : new Set(action.fields) };
    case 'serverErrors':
      return {
        ...state,
        serverErrors: typeof action.errors === 'function' ? action.errors(state.serverErrors) : action.errors,
      };
    case 'notice':
      return { ...state, notice: action.notice };
    case 'reset':
      return initialFormState(action.values);
  }
}

export type ErrorsOn = 'blur' | 'submit';

/** The error a field shows: the server's, else the client's once the field was left (blur) or sent. */
export function visibleError<V extends FormValues>(
  state: FormState<V>,
  clientErrors: FieldErrors,
  field: string,
  errorsOn: ErrorsOn = 'blur',
): string | undefined {
  const shown =
    state.attempted === 'all' || state.attempted.has(field) || (errorsOn === 'blur' && state.touched.has(field));
  return state.serverErrors[field] ?? (shown ? clientErrors[field] : undefined);
}

/** The props of every kind of control, bound to the values and sending their changes to `dispatch`. */
export function controlsOf<V extends FormValues>(values: V, dispatch: (action: FormAction<V>) => void) {
  const set = (field: string, value: FieldValue) =>
    dispatch({ type: 'set', changes: { [field]: value } as Partial<V> });
  const onBlur = (field: string) => () => dispatch({ type: 'touch', field });
  return {
    bind: (field: TextKey<V>): BoundControl => ({
      name: field,
      value: values[field] as string,
      onChange: (event) => set(field, event.target.value),
      onBlur: onBlur(field),
    }),
    /** A checkbox that holds a yes or no. */
    bindCheck: (field: CheckKey<V>): BoundChoice => ({
      name: field,
      checked: values[field] as boolean,
      onChange: (event) => set(field, event.target.checked),
      onBlur: onBlur(field),
    }),
    /** One checkbox of a list: ticking adds `option` to the field's list, unticking takes it out. */
    bindOption: (field: ListKey<V>, option: string): BoundChoice => {
      const list = values[field] as readonly string[];
      return {
        name: field,
        value: option,
        checked: list.includes(option),
        onChange: (event) =>
          set(
            field,
            event.target.checked ? [...list.filter((o) => o !== option), option] : list.filter((o) => o !== option),
          ),
        onBlur: onBlur(field),
      };
    },
    /** One radio button of a group: choosing it makes `option` the field's value. */
    bindRadio: (field: TextKey<V>, option: string): BoundChoice => ({
      name: field,
      value: option,
      checked: values[field] === option,
      onChange: () => set(field, option),
      onBlur: onBlur(field),
    }),
    /** A file input: the field holds the file chosen (or null when the choice is cleared, which says nothing yet). */
    bindFile: (field: FileKey<V>): BoundFile => ({
      name: field,
      onChange: (event) => {
        const file = event.target.files?.[0] ?? null;
        set(field, file);
        if (file) dispatch({ type: 'touch', field });
      },
    }),
  };
}

export function useForm<V extends FormValues>(
  initial: V,
  validate: (values: V) => FieldErrors,
  options: { errorsOn?: ErrorsOn } = {},
) {
  const [state, dispatch] = useReducer(formReducer<V>, initial, initialFormState);
  const clientErrors = validate(state.values);

  const set = useCallback((changes: Partial<V>) => dispatch({ type: 'set', changes }), []);
  const setServerErrors = useCallback(
    (errors: FieldErrors | ((prev: FieldErrors) => FieldErrors)) => dispatch({ type: 'serverErrors', errors }),
    [],
  );
  const setNotice = useCallback((notice: FormNotice | null) => dispatch({ type: 'notice', notice }), []);

  return {
    values: state.values,
    set,
    ...controlsOf(state.values, dispatch),
    errorOf: (field: keyof V & string): string | undefined =>
      visibleError(state, clientErrors, field, options.errorsOn),
    clientErrors,
    hasClientErrors: Object.keys(clientErrors).length > 0,
    hasServerErrors: Object.keys(state.serverErrors).length > 0,
    /** The whole form was sent: every field shows its error. */
    markSubmitted: () => dispatch({ type: 'attempt', fields: 'all' }),
    /**
     * A step that needs only some fields was tried: they show their errors (the others' stop
     * showing, unless left); true when none of them has one.
     */
    attempt: (fields: readonly (keyof V & string)[]): boolean => {
      dispatch({ type: 'attempt', fields });
      return fields.every((f) => !clientErrors[f]);
    },
    setServerErrors,
    notice: state.notice,
    setNotice,
    /** Starts over from the initial values, or from them with `values` changed (e.g. keep the e-mail). */
    reset: (values: Partial<V> = {}) => dispatch({ type: 'reset', values: { ...initial, ...values } }),
  };
}

/** The checks of a form that leaves them all to the server (which answers field by field). */
export const noClientChecks = (): FieldErrors => ({});

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

/**
 * A step that needs only `fields` (in their order on the page): with an error among them, focuses
 * the first; otherwise calls `send`. For a form with several buttons, each its own step.
 */
export function stepWhenValid<K extends string>(
  form: { attempt: (fields: readonly K[]) => boolean; clientErrors: FieldErrors },
  formId: string,
  fields: readonly K[],
  send: () => void,
): void {
  if (form.attempt(fields)) send();
  else focusFirstError(formId, fields, form.clientErrors);
}

/** The errors by field of an API refusal, its paths (`grants.0.role`…) mapped onto the form's fields. */
export function apiFieldErrors(error: unknown, fieldOf: (path: string) => string = (path) => path): FieldErrors {
  const fields: FieldErrors = {};
  if (!isApiError(error)) return fields;
  for (const [path, message] of Object.entries(error.fieldErrors())) fields[fieldOf(path)] ??= message;
  return fields;
}

/**
 * The options of a mutation whose refusal lands on the form's fields (for the forms that leave their
 * checks to the server): what it said last time is cleared as the form is sent again.
 */
export function refusalsOnFields(form: Pick<FormFlow, 'setServerErrors'>) {
  form.setServerErrors({});
  return { onError: (error: unknown) => form.setServerErrors(apiFieldErrors(error)) };
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
