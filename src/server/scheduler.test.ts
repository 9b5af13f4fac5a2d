import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startScheduler } from './scheduler.ts';

describe('The scheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a job first after its delay, then at its interval, never twice at once, and stops with the app', async () => {
    vi.useFakeTimers();
    const app = Fastify();
    let runs = 0;
    let release: () => void = () => {};
    startScheduler(app, [
      {
        name: 'slow job',
        firstAfterMs: 100,
        everyMs: 1_000,
        run: () => {
          runs += 1;
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        },
      },
    ]);
    await vi.advanceTimersByTimeAsync(99);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    // Still running at its next turn: skipped, not stacked.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    release();
    await app.close();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(2);
  });

  it('logs a failing job and keeps running it', async () => {
    vi.useFakeTimers();
    const app = Fastify();
    const errors = vi.spyOn(app.log, 'error');
    let runs = 0;
    startScheduler(app, [
      {
        name: 'failing job',
        everyMs: 10,
        run: async () => {
          runs += 1;
          throw new Error('boom');
        },
      },
    ]);
    await vi.advanceTimersByTimeAsync(30);
    expect(runs).toBe(3);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'failing job failed');
    await app.close();
  });
});
