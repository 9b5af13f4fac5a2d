/**
 * The codebase's shape, checked like behaviour: SQL lives in repositories (and the database layer),
 * and no source file grows past what a reader can hold (i18n dictionaries and the authorization
 * matrix excepted: they are tables, read by row).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

/** Statements as they start in SQL text (upper-case keywords, as every query here is written). */
const SQL_TEXT = /\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|ON\s+CONFLICT|FOR\s+UPDATE)\b/;
const QUERY_CALL = /\.query\s*[<(]/;

describe('The codebase', () => {
  it('holds SQL only in *.repository.ts and the database layer (src/server/db)', () => {
    const code = filesUnder('src/server', (p) => /\.(ts|mjs)$/.test(p) && !/\.test\.ts$/.test(p));
    const outside = code
      .filter((p) => !p.endsWith('.repository.ts') && !p.startsWith('src/server/db/'))
      .flatMap((p) =>
        readFileSync(join(root, p), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${p}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*'))
          .filter(({ line }) => QUERY_CALL.test(line) || SQL_TEXT.test(line))
          .map(({ where, line }) => `${where}  ${line.slice(0, 100)}`),
      );
    expect(outside).toEqual([]);
  });

  it('has no source file over 400 lines, but the i18n dictionaries and the authorization matrix', () => {
    const exempt = (p: string) =>
      p.startsWith('src/web/i18n/') || p === 'test/integration/authorization-matrix.test.ts' || p.endsWith('.json');
    const sources = ['src', 'test', 'e2e', 'bench'].flatMap((dir) =>
      filesUnder(dir, (p) => /\.(ts|tsx|mjs|css)$/.test(p) && !exempt(p)),
    );
    const long = sources
      .map((p) => ({ p, lines: readFileSync(join(root, p), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > 400)
      .map(({ p, lines }) => `${relative('.', p)}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
