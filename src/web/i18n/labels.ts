/**
 * Translation keys for values the server sends as plain strings (an event kind, a reason code, a
 * record's keys): narrow the value first, and `t(`section.${value}`)` is then a key of the
 * dictionary, checked by the compiler without a cast. A value the interface does not know yet is
 * shown as it was sent.
 */

/** Whether `value` is one of a domain enum's `values`. */
export const isOneOf = <T extends string>(values: readonly T[], value: string): value is T =>
  values.some((v) => v === value);

/** Whether the dictionary `section` has an entry for `value`. */
export const isKeyOf = <S extends object>(section: S, value: string): value is Extract<keyof S, string> =>
  Object.hasOwn(section, value);
