/**
 * Client-side validation with the very schemas the server uses, and messages in plain language:
 * rule messages (FINESS, RPPS, password…) come from the shared RULE_MESSAGES, the generic zod
 * issues get a sentence of the interface, and a form may name what a field expects.
 */
import type { TFunction } from 'i18next';
import { z } from 'zod';
import { RULE_MESSAGES, type RuleMessageKey } from '../../contracts/messages.ts';
import type { Language } from '../i18n/index.ts';

export type FieldErrors = Record<string, string>;

/** What a field expects, said when its format or value is wrong (e.g. "5 digits"). */
export type Expectations = Record<string, string>;

const locales = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

type Issue = z.core.$ZodIssue;

function issueMessage(issue: Issue, field: string, value: unknown, lang: Language, t: TFunction, expect: Expectations) {
  const key = (issue as { params?: { key?: string } }).params?.key;
  if (key && key in RULE_MESSAGES) return RULE_MESSAGES[key as RuleMessageKey][lang];
  const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return empty ? t('validation.required') : t('validation.tooShort', { count: Number(issue.minimum) });
      }
      break;
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { count: Number(issue.maximum) });
      break;
    case 'invalid_format':
      if (issue.format === 'email') return empty ? t('validation.required') : t('validation.email');
      if (expect[field]) return expect[field];
      break;
    case 'invalid_value':
    case 'invalid_type':
      if (expect[field]) return expect[field];
      if (empty) return t('validation.required');
      break;
    default:
      break;
  }
  return issue.message;
}

/**
 * Validates `input` against `schema`; returns the parsed data or the errors by field.
 * `fieldOf` maps an issue path to the form's field name (default: the path joined with dots).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: {
    lang: Language;
    t: TFunction;
    expect?: Expectations;
    values?: Record<string, unknown>;
    fieldOf?: (path: string) => string;
  },
): { data: z.output<S>; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(input, { error: locales[options.lang] });
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    const field = options.fieldOf ? options.fieldOf(path) : path;
    errors[field] ??= issueMessage(
      issue,
      field,
      options.values?.[field],
      options.lang,
      options.t,
      options.expect ?? {},
    );
  }
  return { data: null, errors };
}

/** An empty text field is `null` for the API's nullable fields. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value);

/** The errors of a form checked by hand, field by field: a field given `undefined` has none. */
export function errorsFrom(checks: Record<string, string | undefined>): FieldErrors {
  return Object.fromEntries(Object.entries(checks).filter((e): e is [string, string] => e[1] !== undefined));
}
