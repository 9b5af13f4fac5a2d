/**
 * Closing a decided request before its solution is executed (the patient died, is no longer
 * indicated, or the request was withdrawn) gives back what the decision reserved: the console returns
 * to `available` where it stands, the circuit to its lot, and the loan, if any, ends as recalled.
 * Once a lent console has arrived, it comes back through the loan (return or recall) instead.
 */

import type { Actor } from '../../audit/audit.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Queryable } from '../../db/client.ts';
import { insertDeviceEvent } from '../fleet/devices.repository.ts';
import { bumpLoanVersion, closeLoanItems, findLoan, markRecalled } from './loans.repository.ts';
import type { RequestRow } from './requests.repository.ts';
import { lockConsole, putBackCircuit, setConsoleStatus } from './reservations.repository.ts';

/** Only a console still held for this decision goes back; one changed since by hand stays as it is. */
async function freeConsole(tx: Queryable, actor: Actor, consoleId: string, reason: string): Promise<void> {
  const console = await lockConsole(tx, consoleId);
  if (console?.status !== 'in_use' && console?.status !== 'in_transit') return;
  await setConsoleStatus(tx, consoleId, 'available', actor.at);
  await insertDeviceEvent(tx, {
    consoleId,
    actorId: actor.id,
    actorLabel: actor.label,
    kind: 'status',
    fromStatus: console.status,
    toStatus: 'available',
    reason,
    at: actor.at,
  });
}

export async function releaseDecision(tx: Queryable, actor: Actor, request: RequestRow, reason: string): Promise<void> {
  const decision = request.decided_option;
  if (!decision) return;
  if (decision.loanId) {
    // A console that has reached the borrower comes back through the loan's return, not here.
    const loan = await findLoan(tx, decision.loanId, true);
    if (loan && loan.state !== 'requested' && loan.state !== 'in_transit') return;
  }
  await freeConsole(tx, actor, decision.consoleId, reason);
  if (decision.lotId) await putBackCircuit(tx, decision.lotId, actor.at);
  if (decision.loanId) {
    await markRecalled(tx, decision.loanId, reason, actor.at);
    await bumpLoanVersion(tx, decision.loanId, actor.at);
    await closeLoanItems(tx, decision.loanId, actor.at);
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
