/** Upload limits shared by the imports' body parser and the 413 answer that states them. */
import { CSV, XLSX } from '../../contracts/operations.fleet.ts';

/** Largest upload of a file to import (a national census of 400 rows is ~60 kB as XLSX). */
export const UPLOAD_LIMIT_BYTES = 5 * 1_048_576;
/** Content types sent as raw file bytes (every other body is JSON). */
export const UPLOAD_TYPES = [CSV, XLSX, 'application/octet-stream'];
