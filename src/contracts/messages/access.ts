/** Messages of the access area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const ACCESS_MESSAGES = {} as const satisfies Record<string, MessageDef>;
