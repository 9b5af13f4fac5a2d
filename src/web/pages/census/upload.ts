/**
 * Raw upload of a census file (the typed client sends JSON only): the file's bytes as the body,
 * session cookie, CSRF header, interface language, upload progress, and cancellation through an
 * AbortSignal. XMLHttpRequest rather than fetch because only it reports upload progress.
 */

import { type TImportReport, ZImportReport } from '../../../contracts/census.ts';
import { type TProblem, ZProblem } from '../../../contracts/common.ts';
import { ApiError } from '../../api/client.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
/** The server's upload limit (5 MiB). */
export const MAX_UPLOAD_BYTES = 5 * 1_048_576;

export type ImportMode = 'validate' | 'all' | 'valid_rows';

/** The format of a chosen file from its name (the browser's type for CSV varies by system). */
export function fileFormat(file: Pick<File, 'name'>): 'csv' | 'xlsx' | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.xlsx')) return 'xlsx';
  return null;
}

export interface UploadOptions {
  file: File;
  mode: ImportMode;
  csrfToken: string;
  language: string;
  signal?: AbortSignal;
  /** Fraction of the bytes sent, 0..1; once at 1 the server is reading the rows. */
  onProgress?: (sent: number) => void;
}

const problemOf = (status: number, text: string, statusText: string): TProblem => {
  try {
    const parsed = ZProblem.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: fall through to a generic problem.
  }
  return {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    code: status === 401 ? 'unauthenticated' : `http_${status}`,
  };
};

/** Sends the file to importCensusFile; resolves with the row-by-row report or rejects with an ApiError. */
export function uploadCensusFile(options: UploadOptions): Promise<TImportReport> {
  const { file, mode, signal } = options;
  const query = new URLSearchParams({ mode, fileName: file.name.slice(0, 200) });
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Upload cancelled', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/census/imports?${query}`);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('content-type', fileFormat(file) === 'xlsx' ? XLSX_TYPE : CSV_TYPE);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('accept-language', options.language);
    xhr.setRequestHeader('x-csrf-token', options.csrfToken);
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.upload.onload = () => options.onProgress?.(1);
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(ZImportReport.parse(JSON.parse(xhr.responseText)));
        } catch (error) {
          reject(error);
        }
        return;
      }
      reject(new ApiError(problemOf(xhr.status, xhr.responseText, xhr.statusText)));
    };
    xhr.onerror = () => {
      done();
      reject(
        new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network', detail: 'network' }),
      );
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('Upload cancelled', 'AbortError'));
    };
    xhr.send(file);
  });
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';
