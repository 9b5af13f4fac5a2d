/** Messages of the regulation area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const REGULATION_MESSAGES = {} as const satisfies Record<string, MessageDef>;
