/**
 * How a message of the catalogue is written and rendered. A message is a code with its French and
 * English text; parameters are named in braces (`{finess}`) and their names are read from the text by
 * the type checker, so a caller that forgets one, or a code that does not exist, fails to compile.
 * A text may have plural forms (`{ one, other }`, chosen by the `count` parameter with the locale's
 * plural rules). Numbers and dates are formatted in the reader's locale; a parameter may itself be a
 * message (a noun such as "the loan"), rendered in the same language.
 */
/** The interface languages, French first (the default). */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One language's text: a template, or plural forms chosen by `count`. */
export type Text = string | { readonly one: string; readonly other: string };
export interface MessageDef {
  readonly fr: Text;
  readonly en: Text;
}

/** A message to render later, in the reader's language. */
export interface MessageRef {
  readonly code: string;
  readonly params?: Readonly<Record<string, ParamValue>>;
}
export type ParamValue = string | number | Date | MessageRef;

type NamesIn<S> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | NamesIn<Rest> : never;
type NamesOfText<T> = T extends string
  ? NamesIn<T>
  : T extends { one: infer O; other: infer X }
    ? NamesIn<O> | NamesIn<X> | 'count'
    : never;
/** The parameter names a definition uses, in either language. */
export type ParamNames<D extends MessageDef> = NamesOfText<D['fr']> | NamesOfText<D['en']>;
/** The parameters object a definition needs (`count` is a number). */
export type ParamsOf<D extends MessageDef> = {
  readonly [K in ParamNames<D>]: K extends 'count' ? number : ParamValue;
};

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();
const tag = (locale: Locale): string => (locale === 'fr' ? 'fr-FR' : 'en-GB');

function cached<T>(map: Map<string, T>, locale: Locale, make: (tag: string) => T): T {
  let value = map.get(locale);
  if (!value) {
    value = make(tag(locale));
    map.set(locale, value);
  }
  return value;
}

const isRef = (value: ParamValue): value is MessageRef => typeof value === 'object' && !(value instanceof Date);

/** Renders one definition with its parameters; `lookup` resolves parameters that are messages. */
export function renderDef(
  def: MessageDef,
  locale: Locale,
  params: Readonly<Record<string, ParamValue>> | undefined,
  lookup: (ref: MessageRef, locale: Locale) => string,
): string {
  const text = def[locale];
  const count = params?.count;
  const template =
    typeof text === 'string'
      ? text
      : cached(pluralRules, locale, (t) => new Intl.PluralRules(t)).select(typeof count === 'number' ? count : 0) ===
          'one'
        ? text.one
        : text.other;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return cached(numberFormats, locale, (t) => new Intl.NumberFormat(t)).format(value);
    if (value instanceof Date) {
      return cached(
        dateFormats,
        locale,
        (t) => new Intl.DateTimeFormat(t, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }),
      ).format(value);
    }
    if (isRef(value)) return lookup(value, locale);
    return value;
  });
}
