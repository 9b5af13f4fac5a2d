/** Messages of the boards area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const BOARDS_MESSAGES = {} as const satisfies Record<string, MessageDef>;
