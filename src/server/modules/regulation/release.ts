/**
 * Closing a decided request before its solution is executed (the patient died, is no longer
 * indicated, or the request was withdrawn) gives back what the decision reserved: the console returns
 * to `available` where it stands, the circuit to its lot, and the loan, if any, ends as recalled.
 * Once a lent console has arrived, it comes back through the loan (return or recall) instead.
 */

import type { Actor } from '../../audit/audit.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import type { RequestRow } from './requests.repository.ts';

export async function releaseDecision(tx: Queryable, actor: Actor, request: RequestRow, reason: string): Promise<void> {
  const decision = request.decided_option;
  if (!decision) return;
  if (decision.loanId) {
    // A console that has reached the borrower comes back through the loan's return, not here.
    const [loan] = await tx.query<{ state: string }>('SELECT state FROM loans WHERE id = $1 FOR UPDATE', [
      decision.loanId,
    ]);
    if (loan && loan.state !== 'requested' && loan.state !== 'in_transit') return;
  }
  const [console] = await tx.query<{ status: string }>('SELECT status FROM consoles WHERE id = $1 FOR UPDATE', [
    decision.consoleId,
  ]);
  // Only a console still held for this decision goes back; one changed since by hand stays as it is.
  if (console && (console.status === 'in_use' || console.status === 'in_transit')) {
    await tx.query(
      `UPDATE consoles SET status = 'available', status_since = $2, version = version + 1, updated_at = $2 WHERE id = $1`,
      [decision.consoleId, actor.at],
    );
    await tx.query(
      `INSERT INTO console_events (console_id, actor_id, actor_label, kind, from_status, to_status, reason, at)
       VALUES ($1, $2, $3, 'status', $4, 'available', $5, $6)`,
      [decision.consoleId, actor.id, actor.label, console.status, reason, actor.at],
    );
  }
  if (decision.lotId) {
    await tx.query('UPDATE stock_lots SET quantity = quantity + 1, updated_at = $2 WHERE id = $1', [
      decision.lotId,
      actor.at,
    ]);
  }
  if (decision.loanId) {
    await tx.query(
      `UPDATE loans SET state = 'recalled', recalled_at = $3, recall_reason = $2, version = version + 1, updated_at = $3
       WHERE id = $1`,
      [decision.loanId, reason, actor.at],
    );
    await tx.query('UPDATE loan_items SET returned_at = $2 WHERE loan_id = $1 AND returned_at IS NULL', [
      decision.loanId,
      actor.at,
    ]);
  }
  await appendAudit(tx, actor, {
    action: 'request.release',
    targetType: 'ecmo_request',
    targetId: request.id,
    before: { consoleId: decision.consoleId, lotId: decision.lotId ?? null, loanId: decision.loanId },
    after: { console: 'available', loan: decision.loanId ? 'recalled' : null },
    reason,
  });
}
