/** Readiness: the app answers only when its database does. */
import { message } from '../../../contracts/messages.ts';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../http/errors.ts';
import { ping } from './system.repository.ts';

export async function readiness(db: Database): Promise<{ status: 'ready'; engine: Database['engine'] }> {
  try {
    await ping(db);
  } catch {
    throw new AppError('unavailable', message('problem.database_down'));
  }
  return { status: 'ready', engine: db.engine };
}
