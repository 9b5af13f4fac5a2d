/**
 * `npm run openapi`: writes the OpenAPI document the server serves to `src/server/openapi.json`, the
 * committed copy reviewed with each change of the contracts (a test fails while it differs).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ops } from '../contracts/operations.ts';
import { APP_VERSION } from './app.ts';
import { buildOpenApi } from './http/openapi.ts';

export const OPENAPI_FILE = fileURLToPath(new URL('./openapi.json', import.meta.url));

/** The document as committed: two-space JSON and a final newline. */
export const openApiText = (): string => `${JSON.stringify(buildOpenApi(ops, APP_VERSION), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_FILE, openApiText());
  console.log(`Wrote ${OPENAPI_FILE}`);
}
