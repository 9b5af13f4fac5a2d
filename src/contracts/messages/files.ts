/** Messages of the files area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const FILES_MESSAGES = {} as const satisfies Record<string, MessageDef>;
