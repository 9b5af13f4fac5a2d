/** Prints how many tests ran (and passed) in each project, so the PGlite / PostgreSQL split is visible. */
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
    const lines = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([name, c]) =>
          `  ${name.padEnd(9)} ${String(c.passed).padStart(4)} passed  ${c.failed} failed  ${c.skipped} skipped`,
      );
    const engines = ['pglite', 'postgres'].filter((e) => !counts.has(e));
    console.log(`\nTests per project (engine):\n${lines.join('\n')}`);
    if (engines.length) console.log(`  not run: ${engines.join(', ')}`);
  }
}
