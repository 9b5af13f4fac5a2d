/** Messages of the teams area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const TEAMS_MESSAGES = {} as const satisfies Record<string, MessageDef>;
