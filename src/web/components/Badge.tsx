/**
 * The one badge of the app: a short state word in a tinted box (styles/badges.css). Its colour never
 * speaks alone — the word is always there, often with an icon, so the tone is only a reinforcement.
 */
import type { HTMLAttributes, ReactNode } from 'react';

/**
 * What the state means to the reader, not which module it comes from. `away` (lent elsewhere),
 * `moving` (in transit) and `off` (out of service) keep the consoles' six statuses distinguishable;
 * `unknown` is a dashed neutral, for a state no one has reported.
 */
export const BADGE_TONES = [
  'neutral',
  'info',
  'success',
  'warning',
  'danger',
  'unknown',
  'away',
  'moving',
  'off',
] as const;
export type BadgeTone = (typeof BADGE_TONES)[number];

export type BadgeProps = {
  tone: BadgeTone;
  /** Solid fill (white text): for what must be acted on now — missing, overdue, exhausted, new. */
  strong?: boolean;
  /** A symbol before the word, hidden from screen readers (the word says it). */
  icon?: string;
  children: ReactNode;
} & Omit<HTMLAttributes<HTMLSpanElement>, 'children'>;

export function Badge({ tone, strong, icon, className, children, ...rest }: BadgeProps) {
  const classes = ['badge', `badge-${tone}`, strong ? 'badge-strong' : null, className].filter(Boolean).join(' ');
  return (
    <span className={classes} {...rest}>
      {icon ? <span aria-hidden="true">{icon} </span> : null}
      {children}
    </span>
  );
}
