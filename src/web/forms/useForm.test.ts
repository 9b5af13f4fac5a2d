/**
 * The form mechanism without a browser: its reducer (what each change does to the state), which
 * error a field shows when, and the props of each kind of control (text, checkbox, list, radio, file).
 */
import type { ChangeEvent } from 'react';
import { describe, expect, it } from 'vitest';
import type { TProblem } from '../../contracts/common.ts';
import { ApiError } from '../api/client.ts';
import {
  controlsOf,
  type FormAction,
  type FormState,
  type FormValues,
  formReducer,
  initialFormState,
  refusalsOnFields,
  visibleError,
} from './useForm.ts';
import { errorsFrom } from './validation.ts';

type V = { reason: string; due: string; urgent: boolean; consoles: readonly string[]; file: File | null };
const start: V = { reason: '', due: '', urgent: false, consoles: ['c1'], file: null };
const run = <W extends FormValues>(state: FormState<W>, ...actions: FormAction<W>[]) =>
  actions.reduce(formReducer, state);

/** The actions a control sends, for a change event carrying `target`. */
function changes(make: (dispatch: (a: FormAction<V>) => void) => (event: ChangeEvent<never>) => void, target: object) {
  const sent: FormAction<V>[] = [];
  make((a) => sent.push(a))({ target } as ChangeEvent<never>);
  return sent;
}

describe('formReducer', () => {
  it('sets values, and editing a field clears what the server said of it (only of it)', () => {
    const state = run(
      initialFormState(start),
      { type: 'serverErrors', errors: { reason: 'too short', due: 'past' } },
      { type: 'set', changes: { reason: 'late transfer' } },
    );
    expect(state.values.reason).toBe('late transfer');
    expect(state.serverErrors).toEqual({ due: 'past' });
  });

  it('takes server errors as a value or as a change of the previous ones', () => {
    const state = run(
      initialFormState(start),
      { type: 'serverErrors', errors: { reason: 'x', due: 'y' } },
      { type: 'serverErrors', errors: (prev) => ({ due: prev.due ?? '' }) },
    );
    expect(state.serverErrors).toEqual({ due: 'y' });
  });

  it('remembers the fields left, and keeps the same state when a field is left again', () => {
    const once = run(initialFormState(start), { type: 'touch', field: 'reason' });
    expect([...once.touched]).toEqual(['reason']);
    expect(formReducer(once, { type: 'touch', field: 'reason' })).toBe(once);
  });

  it('an attempt replaces the previous one; sending the whole form attempts every field', () => {
    const state = run(
      initialFormState(start),
      { type: 'attempt', fields: ['reason', 'due'] },
      { type: 'attempt', fields: ['reason'] },
    );
    expect(state.attempted).toEqual(new Set(['reason']));
    expect(formReducer(state, { type: 'attempt', fields: 'all' }).attempted).toBe('all');
  });

  it('reset starts over from the values given, forgetting errors, fields left and attempts', () => {
    const dirty = run(
      initialFormState(start),
      { type: 'set', changes: { reason: 'abc' } },
      { type: 'touch', field: 'reason' },
      { type: 'attempt', fields: 'all' },
      { type: 'serverErrors', errors: { due: 'past' } },
      { type: 'notice', notice: { kind: 'invalid' } },
      { type: 'reset', values: { ...start, reason: 'kept' } },
    );
    expect(dirty).toEqual(initialFormState({ ...start, reason: 'kept' }));
  });
});

describe('visibleError', () => {
  const client = { reason: 'too short', due: 'required' };

  it('shows a client error once the field was left, or once it was attempted', () => {
    const fresh = initialFormState(start);
    expect(visibleError(fresh, client, 'reason')).toBeUndefined();
    expect(visibleError(run(fresh, { type: 'touch', field: 'reason' }), client, 'reason')).toBe('too short');
    const stepped = run(fresh, { type: 'attempt', fields: ['reason'] });
    expect(visibleError(stepped, client, 'reason')).toBe('too short');
    expect(visibleError(stepped, client, 'due')).toBeUndefined();
    expect(visibleError(run(fresh, { type: 'attempt', fields: 'all' }), client, 'due')).toBe('required');
  });

  it("with errorsOn 'submit', leaving a field says nothing until an attempt", () => {
    const left = run(initialFormState(start), { type: 'touch', field: 'reason' });
    expect(visibleError(left, client, 'reason', 'submit')).toBeUndefined();
    expect(visibleError(run(left, { type: 'attempt', fields: 'all' }), client, 'reason', 'submit')).toBe('too short');
  });

  it("the server's error comes first, whatever was left or attempted", () => {
    const state = run(initialFormState(start), { type: 'serverErrors', errors: { due: 'in the past' } });
    expect(visibleError(state, client, 'due', 'submit')).toBe('in the past');
  });
});

describe('controlsOf', () => {
  it('binds a text control: its value, its changes, and leaving it', () => {
    const sent: FormAction<V>[] = [];
    const bound = controlsOf({ ...start, reason: 'abc' }, (a) => sent.push(a)).bind('reason');
    expect(bound).toMatchObject({ name: 'reason', value: 'abc' });
    bound.onChange({ target: { value: 'abcd' } } as ChangeEvent<HTMLInputElement>);
    bound.onBlur();
    expect(sent).toEqual([
      { type: 'set', changes: { reason: 'abcd' } },
      { type: 'touch', field: 'reason' },
    ]);
  });

  it('binds a checkbox to a yes or no', () => {
    const bound = controlsOf(start, () => undefined).bindCheck('urgent');
    expect(bound).toMatchObject({ name: 'urgent', checked: false });
    expect(changes((d) => controlsOf(start, d).bindCheck('urgent').onChange, { checked: true })).toEqual([
      { type: 'set', changes: { urgent: true } },
    ]);
  });

  it('binds each checkbox of a list: ticking adds its option (once), unticking takes it out', () => {
    const controls = controlsOf(start, () => undefined);
    expect(controls.bindOption('consoles', 'c1')).toMatchObject({ name: 'consoles', value: 'c1', checked: true });
    expect(controls.bindOption('consoles', 'c2').checked).toBe(false);
    expect(changes((d) => controlsOf(start, d).bindOption('consoles', 'c2').onChange, { checked: true })).toEqual([
      { type: 'set', changes: { consoles: ['c1', 'c2'] } },
    ]);
    expect(changes((d) => controlsOf(start, d).bindOption('consoles', 'c1').onChange, { checked: true })).toEqual([
      { type: 'set', changes: { consoles: ['c1'] } },
    ]);
    expect(changes((d) => controlsOf(start, d).bindOption('consoles', 'c1').onChange, { checked: false })).toEqual([
      { type: 'set', changes: { consoles: [] } },
    ]);
  });

  it('binds each radio button of a group to its option', () => {
    const values = { ...start, due: 'later' };
    const controls = controlsOf(values, () => undefined);
    expect(controls.bindRadio('due', 'later')).toMatchObject({ name: 'due', value: 'later', checked: true });
    expect(controls.bindRadio('due', 'now').checked).toBe(false);
    expect(changes((d) => controlsOf(values, d).bindRadio('due', 'now').onChange, {})).toEqual([
      { type: 'set', changes: { due: 'now' } },
    ]);
  });

  it('binds a file input to the file chosen (which shows its error from then on), or to null when cleared', () => {
    const file = new File(['finess;date\n'], 'census.csv', { type: 'text/csv' });
    const bound = controlsOf(start, () => undefined).bindFile('file');
    expect(bound).not.toHaveProperty('value');
    expect(changes((d) => controlsOf(start, d).bindFile('file').onChange, { files: [file] })).toEqual([
      { type: 'set', changes: { file } },
      { type: 'touch', field: 'file' },
    ]);
    expect(changes((d) => controlsOf(start, d).bindFile('file').onChange, { files: [] })).toEqual([
      { type: 'set', changes: { file: null } },
    ]);
  });
});

describe('errorsFrom', () => {
  it('keeps the fields that have an error, in their order', () => {
    expect(errorsFrom({ reason: 'too short', due: undefined, consoles: 'required' })).toEqual({
      reason: 'too short',
      consoles: 'required',
    });
    expect(errorsFrom({ reason: undefined })).toEqual({});
  });
});

describe('refusalsOnFields', () => {
  it('clears what the server said as the form is sent, then puts its refusal on the fields', () => {
    const said: unknown[] = [];
    const options = refusalsOnFields({ setServerErrors: (errors) => said.push(errors) });
    const problem = {
      type: 'about:blank',
      title: 'Invalid',
      status: 400,
      code: 'validation_failed',
      errors: [{ field: 'body.performedBy', code: 'required', message: 'Saisissez qui est intervenu.' }],
    } as unknown as TProblem;
    options.onError(new ApiError(problem));
    options.onError(new Error('network'));
    expect(said).toEqual([{}, { performedBy: 'Saisissez qui est intervenu.' }, {}]);
  });
});
