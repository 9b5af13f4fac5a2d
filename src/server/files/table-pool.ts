/**
 * Uploaded tables are read off the request thread: each file in its own worker thread (memory capped,
 * time bounded, gone once read, so a parse never keeps memory after it), at most `concurrency` at once,
 * a short queue behind them; beyond it the caller is told to come back (`TablesBusy`, a 503 with
 * `Retry-After`).
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_LIMITS, type ReadTable, type TableErrorReason, type TableLimits } from './sheet-reader.mjs';
import { UnreadableFile } from './tabular.ts';

export interface TablePoolOptions {
  /** Parses at once (each in its own worker). */
  concurrency: number;
  /** Files waiting for a worker; one more is refused. */
  queue: number;
  /** A parse taking longer is stopped (the worker is terminated). */
  timeoutMs: number;
  /** Heap of a worker, MiB: a last guard behind the limits counted while reading. */
  workerHeapMb: number;
  /** Seconds a refused caller is told to wait. */
  retryAfterSeconds: number;
}

export const TABLE_POOL_DEFAULTS: TablePoolOptions = {
  concurrency: 2,
  queue: 4,
  timeoutMs: 20_000,
  workerHeapMb: 64,
  retryAfterSeconds: 5,
};

/** Every parse slot and queue place is taken: try again in `retryAfterSeconds`. */
export class TablesBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many files are being read: try again in a few seconds');
  }
}

export interface TablePool {
  /** Reads a CSV or XLSX upload; rejects with `UnreadableFile` or `TablesBusy`. */
  read(buffer: Buffer, contentType: string | undefined, limits: Partial<TableLimits>): Promise<ReadTable>;
  /** Parses under way and waiting (for tests and health). */
  readonly load: { running: number; waiting: number };
  /** Stops the parses under way and refuses the waiting ones. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./sheet-worker.mjs', import.meta.url);

interface Job {
  buffer: Buffer;
  contentType: string | undefined;
  limits: TableLimits;
  resolve: (table: ReadTable) => void;
  reject: (error: Error) => void;
}

export function createTablePool(options: Partial<TablePoolOptions> = {}): TablePool {
  const o = { ...TABLE_POOL_DEFAULTS, ...options };
  const waiting: Job[] = [];
  const running = new Set<Worker>();
  let closed = false;

  const run = (job: Job): void => {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: o.workerHeapMb, maxYoungGenerationSizeMb: 16 },
      // The worker reads nothing from the parent's environment or standard input.
      env: {},
      stdin: false,
    });
    running.add(worker);
    let settled = false;
    const finish = (outcome: { table: ReadTable } | { error: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(worker);
      void worker.terminate();
      if ('table' in outcome) job.resolve(outcome.table);
      else job.reject(outcome.error);
      const next = waiting.shift();
      if (next && !closed) run(next);
    };
    const tooComplex = () =>
      new UnreadableFile('too_complex', 'The file is too complex to read within the server’s limits');
    const timer = setTimeout(() => finish({ error: tooComplex() }), o.timeoutMs);
    worker.once(
      'message',
      (m: { table: ReadTable } | { error: { reason: TableErrorReason; message: string; params: never } }) => {
        if ('table' in m) finish({ table: m.table });
        else finish({ error: new UnreadableFile(m.error.reason, m.error.message, m.error.params) });
      },
    );
    // Out of its heap (ERR_WORKER_OUT_OF_MEMORY) or killed: the file asked too much.
    worker.once('error', () => finish({ error: tooComplex() }));
    worker.once('exit', () => finish({ error: closed ? new TablesBusy(o.retryAfterSeconds) : tooComplex() }));
    worker.postMessage({ bytes: job.buffer, contentType: job.contentType, limits: job.limits });
  };

  return {
    read(buffer, contentType, limits) {
      if (closed) return Promise.reject(new TablesBusy(o.retryAfterSeconds));
      return new Promise<ReadTable>((resolve, reject) => {
        const job: Job = { buffer, contentType, limits: { ...DEFAULT_LIMITS, ...limits }, resolve, reject };
        if (running.size < o.concurrency) run(job);
        else if (waiting.length < o.queue) waiting.push(job);
        else reject(new TablesBusy(o.retryAfterSeconds));
      });
    },
    get load() {
      return { running: running.size, waiting: waiting.length };
    },
    async close() {
      closed = true;
      for (const job of waiting.splice(0)) job.reject(new TablesBusy(o.retryAfterSeconds));
      await Promise.all([...running].map((w) => w.terminate()));
    },
  };
}
