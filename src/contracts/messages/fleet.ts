/** Messages of the fleet area (codes raised by its services), in both interface languages. */
import type { MessageDef } from './define.ts';

export const FLEET_MESSAGES = {} as const satisfies Record<string, MessageDef>;
