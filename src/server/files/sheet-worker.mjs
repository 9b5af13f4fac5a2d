/**
 * Worker thread reading one uploaded table (see `table-pool.ts`): receives the bytes and the limits,
 * answers with the table or with the reason it cannot be read, then exits.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { detectFormat, readTableBytes, TableError } from './sheet-reader.mjs';

// Below the request thread: on a busy machine a parse waits, health checks and requests do not (Linux
// nice values are per thread).
try {
  setPriority(10);
} catch {
  // Not allowed here: the parse runs at the normal priority.
}

parentPort?.once('message', async (/** @type {{ bytes: Uint8Array, contentType?: string, limits: object }} */ job) => {
  try {
    const table = await readTableBytes(job.bytes, job.contentType, job.limits);
    parentPort?.postMessage({ table });
  } catch (error) {
    if (error instanceof TableError) {
      parentPort?.postMessage({ error: { reason: error.reason, message: error.message, params: error.params } });
    } else {
      // A parser's own failure on malformed input: the file is unreadable, whatever threw.
      const reason = detectFormat(job.bytes, job.contentType);
      parentPort?.postMessage({ error: { reason, message: /** @type {Error} */ (error).message ?? '', params: {} } });
    }
  }
});
