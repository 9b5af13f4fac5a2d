/**
 * Prints how many tests ran (and passed) in each project, so that the PGlite / PostgreSQL split and the
 * date-pinned runs (`pinned …` projects, the app's clock standing at that Paris instant) are visible.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class EngineSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const module of testModules) {
      const name = module.project.name || 'default';
      const c = counts.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') c.passed++;
        else if (state === 'failed') c.failed++;
        else c.skipped++;
      }
      counts.set(name, c);
    }
    const width = Math.max(9, ...[...counts.keys()].map((n) => n.length));
    const pinned = (name: string) => name.startsWith('pinned ');
    const lines = [...counts.entries()]
      // Engines first, then the pinned instants in the order of the configuration.
      .sort(([a], [b]) => Number(pinned(a)) - Number(pinned(b)) || (pinned(a) ? 0 : a.localeCompare(b)))
      .map(
        ([name, c]) =>
          `  ${name.padEnd(width)} ${String(c.passed).padStart(4)} passed  ${c.failed} failed  ${c.skipped} skipped`,
      );
    const engines = ['pglite', 'postgres'].filter((e) => !counts.has(e));
    console.log(`\nTests per project (engine):\n${lines.join('\n')}`);
    if (engines.length) console.log(`  not run: ${engines.join(', ')}`);
  }
}
