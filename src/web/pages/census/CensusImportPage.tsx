/**
 * /recensement/import — a census for many establishments from a CSV or XLSX file: templates to
 * download, a check of the file (progress, cancel) with a row-by-row report, then the choice to
 * import everything (only when every row is valid) or only the valid rows.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TImportReport } from '../../../contracts/census.ts';
import { isApiError } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { formatNumber } from '../../components/format.ts';
import { DataTable } from '../../components/ListParts.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useCampaigns, WEEK_PARAM } from './campaign.ts';
import { invalidateAfterCensus } from './invalidate.ts';
import { fileFormat, type ImportMode, isAbort, MAX_UPLOAD_BYTES, uploadCensusFile } from './upload.ts';

/** The file's column of each field the server names (its keys are those of the template's columns). */
const COLUMNS: Record<string, string> = {
  week: 'semaine',
  finess: 'finess',
  name: 'etablissement',
  consoles_available: 'consoles_disponibles',
  consoles_in_use: 'consoles_en_service',
  consoles_maintenance: 'consoles_maintenance',
  consoles_lent: 'consoles_pretees',
  consoles_out_of_service: 'consoles_hors_service',
  consoles_in_transit: 'consoles_en_transit',
  consoles: 'consoles_disponibles',
  circuits: 'circuits',
  cannulas: 'canules',
  patients_vv: 'patients_vv',
  patients_va: 'patients_va',
  patients: 'patients_vv',
  teams: 'equipes',
  comment: 'commentaire',
  correction_reason: 'motif_correction',
  correctionReason: 'motif_correction',
};

type RowError = { field: string; code: string; message: string };

/** "Colonne « canules » : …", or the file-level message for errors about the file itself. */
function describeError(e: RowError, t: TFunction): string {
  if (e.field === 'file') {
    if (e.code === 'unreadable_file') return t('census.import.errors.unreadable', { detail: e.message });
    // Encoding and limits: the server's message says which encodings it reads, or the limit crossed.
    return e.message;
  }
  // Errors about the file's columns (file.semaine…) name their column already.
  if (e.field.startsWith('file.')) return e.message;
  const column = COLUMNS[e.field] ?? e.field;
  return t('census.import.errors.column', { column, message: e.message });
}

type Phase = { kind: 'idle' } | { kind: 'sending'; mode: ImportMode; progress: number };

export function CensusImportPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('census.import.title'));
  const user = useUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const ids = useId();
  const campaigns = useCampaigns();
  const week = campaigns.data?.current;
  const inputRef = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);

  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [checked, setChecked] = useState<TImportReport | null>(null);
  const [result, setResult] = useState<TImportReport | null>(null);
  const [problem, setProblem] = useState<{ text: string; errors: string[] } | null>(null);
  const [cancelled, setCancelled] = useState<ImportMode | null>(null);
  const [onlyRefused, setOnlyRefused] = useState(false);

  // Leaving the page cancels an upload under way.
  useEffect(() => () => controller.current?.abort(), []);

  const n = (value: number) => formatNumber(value, i18n.language);
  const sending = phase.kind === 'sending';

  const resetResults = () => {
    setChecked(null);
    setResult(null);
    setProblem(null);
    setCancelled(null);
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    resetResults();
    setFile(chosen);
    if (!chosen) setFileError(null);
    else if (!fileFormat(chosen)) setFileError(t('census.import.errors.type'));
    else if (chosen.size === 0) setFileError(t('census.import.errors.empty'));
    else if (chosen.size > MAX_UPLOAD_BYTES) setFileError(t('census.import.errors.tooBig'));
    else setFileError(null);
  };

  const send = async (mode: ImportMode) => {
    if (!file || fileError) {
      setFileError(fileError ?? t('census.import.errors.noFile'));
      inputRef.current?.focus();
      return;
    }
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setProblem(null);
    setCancelled(null);
    if (mode === 'validate') resetResults();
    setPhase({ kind: 'sending', mode, progress: 0 });
    try {
      const report = await uploadCensusFile({
        file,
        mode,
        csrfToken: user.csrfToken,
        language: currentLanguage(),
        signal: abort.signal,
        onProgress: (progress) => setPhase((p) => (p.kind === 'sending' ? { ...p, progress } : p)),
      });
      if (mode === 'validate') setChecked(report);
      else {
        setResult(report);
        setChecked(report);
        void invalidateAfterCensus(queryClient);
      }
    } catch (error) {
      if (isAbort(error)) setCancelled(mode);
      else if (isApiError(error)) {
        const errors = (error.problem.errors ?? []).map((e) => {
          const row = /^rows\.(\d+)\.(.+)$/.exec(e.field);
          return row
            ? t('census.import.errors.row', { row: row[1], text: describeError({ ...e, field: row[2] ?? '' }, t) })
            : describeError(e, t);
        });
        // The server's summary sentence is in English: say it in the interface language.
        const text =
          error.code !== 'validation_failed'
            ? errorText(error)
            : mode === 'all'
              ? t('census.import.errors.allRefused')
              : t('census.import.errors.fileRefused');
        setProblem({ text, errors });
        if (mode === 'all') setChecked(null);
      } else setProblem({ text: errorText(error), errors: [] });
    } finally {
      if (controller.current === abort) controller.current = null;
      setPhase({ kind: 'idle' });
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send('validate');
  };

  const rows = (checked?.report ?? []).filter((r) => !onlyRefused || r.status === 'invalid');
  const storedWeeks = [...new Set((result?.report ?? []).filter((r) => r.status === 'stored').map((r) => r.week))];
  const templateHref = (format: 'csv' | 'xlsx') =>
    `/api/census/template?${new URLSearchParams({ format, ...(week ? { week } : {}) })}`;

  return (
    <section className="page page-wide census-page">
      <BackLink to="/recensement">{t('census.import.back')}</BackLink>
      <h1>{t('census.import.title')}</h1>
      <p className="muted census-intro">{t('census.import.intro')}</p>

      <section className="census-section" aria-labelledby={`${ids}-tpl`}>
        <h2 id={`${ids}-tpl`}>{t('census.import.templateTitle')}</h2>
        <p className="muted">{t('census.import.templateText', { week: week ?? '' })}</p>
        <div className="actions">
          <a className="button button-secondary" href={templateHref('xlsx')} download>
            {t('census.import.templateXlsx')}
          </a>
          <a className="button button-secondary" href={templateHref('csv')} download>
            {t('census.import.templateCsv')}
          </a>
        </div>
      </section>

      <section className="census-section" aria-labelledby={`${ids}-file`}>
        <h2 id={`${ids}-file`}>{t('census.import.fileTitle')}</h2>
        <form className="census-upload" onSubmit={onSubmit} noValidate>
          <div className={`field${fileError ? ' field-invalid' : ''}`}>
            <label htmlFor={`${ids}-input`}>{t('census.import.fileLabel')}</label>
            <p id={`${ids}-hint`} className="field-hint">
              {t('census.import.fileHint')}
            </p>
            <input
              ref={inputRef}
              id={`${ids}-input`}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={onFile}
              disabled={sending}
              aria-describedby={`${ids}-hint${fileError ? ` ${ids}-error` : ''}`}
              aria-invalid={fileError ? true : undefined}
            />
            {fileError ? (
              <p id={`${ids}-error`} className="field-error">
                <span aria-hidden="true">⚠</span> {fileError}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={sending || !file}>
              {t('census.import.check')}
            </button>
          </div>
        </form>

        {sending ? (
          <div className="census-progress" role="status">
            <p>
              {phase.progress < 1
                ? t('census.import.sending', { name: file?.name ?? '', percent: Math.round(phase.progress * 100) })
                : phase.mode === 'validate'
                  ? t('census.import.checking')
                  : t('census.import.storing')}
            </p>
            {phase.progress < 1 ? (
              <progress max={1} value={phase.progress} aria-label={t('census.import.progressLabel')} />
            ) : (
              <progress aria-label={t('census.import.progressLabel')} />
            )}
            <button type="button" className="button button-secondary" onClick={() => controller.current?.abort()}>
              {t('census.import.cancel')}
            </button>
          </div>
        ) : null}

        <LiveRegion tone="info">
          {cancelled
            ? cancelled === 'validate'
              ? t('census.import.cancelledCheck')
              : t('census.import.cancelledImport')
            : null}
        </LiveRegion>
        <LiveRegion tone="error">
          {problem ? (
            <>
              <p className="notice-title">{problem.text}</p>
              {problem.errors.length ? (
                <ul>
                  {problem.errors.map((e) => (
                    <li key={e}>{e}</li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : null}
        </LiveRegion>
        <LiveRegion tone="success">
          {result ? (
            <>
              <p className="notice-title">
                {t('census.import.stored', { count: result.stored, formatted: n(result.stored) })}
              </p>
              {result.invalid > 0 ? (
                <p>{t('census.import.storedRefused', { count: result.invalid, formatted: n(result.invalid) })}</p>
              ) : null}
              {storedWeeks.map((w) => (
                <p key={w ?? ''}>
                  <Link to={`/recensement?${WEEK_PARAM}=${w}`}>{t('census.import.seeCampaign', { week: w })}</Link>
                </p>
              ))}
            </>
          ) : null}
        </LiveRegion>
      </section>

      {checked ? (
        <section className="census-section" aria-labelledby={`${ids}-report`}>
          <h2 id={`${ids}-report`}>{t('census.import.reportTitle')}</h2>
          <p className="result-count">
            {t('census.import.summary', {
              count: checked.rows,
              formatted: n(checked.rows),
              valid: t('census.import.validCount', { count: checked.valid, formatted: n(checked.valid) }),
              invalid: t('census.import.invalidCount', { count: checked.invalid, formatted: n(checked.invalid) }),
            })}
          </p>
          {!result ? (
            <div className="census-choices">
              <div>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={sending || checked.invalid > 0 || checked.valid === 0}
                  aria-describedby={`${ids}-all-hint`}
                  onClick={() => void send('all')}
                >
                  {t('census.import.importAll')}
                </button>
                <p id={`${ids}-all-hint`} className="field-hint">
                  {checked.invalid > 0 ? t('census.import.importAllDisabled') : t('census.import.importAllHint')}
                </p>
              </div>
              <div>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={sending || checked.valid === 0}
                  aria-describedby={`${ids}-valid-hint`}
                  onClick={() => void send('valid_rows')}
                >
                  {t('census.import.importValid', { count: checked.valid, formatted: n(checked.valid) })}
                </button>
                <p id={`${ids}-valid-hint`} className="field-hint">
                  {checked.valid === 0 ? t('census.import.nothingValid') : t('census.import.importValidHint')}
                </p>
              </div>
            </div>
          ) : null}
          {checked.invalid > 0 ? (
            <label className="census-toggle">
              <input type="checkbox" checked={onlyRefused} onChange={(ev) => setOnlyRefused(ev.target.checked)} />{' '}
              {t('census.import.onlyRefused')}
            </label>
          ) : null}
          <DataTable
            className="census-import-table"
            caption={t('census.import.caption', { name: checked.fileName ?? file?.name ?? '' })}
            columns={
              <>
                <th scope="col" className="num">
                  {t('census.import.colRow')}
                </th>
                <th scope="col">{t('census.import.colFiness')}</th>
                <th scope="col">{t('census.import.colWeek')}</th>
                <th scope="col">{t('census.import.colStatus')}</th>
                <th scope="col">{t('census.import.colErrors')}</th>
              </>
            }
            colSpan={5}
            empty={t('census.import.noRows')}
            rows={rows.map((r) => (
              <tr key={r.row} className={`census-import-${r.status}`}>
                <th scope="row" className="num">
                  {n(r.row)}
                </th>
                <td className="mono">{r.finess ?? t('common.none')}</td>
                <td className="mono">{r.week ?? t('common.none')}</td>
                <td>
                  <span className={`census-row-status census-row-status-${r.status}`}>
                    <span aria-hidden="true">{r.status === 'invalid' ? '✗ ' : '✓ '}</span>
                    {t(`census.import.rowStatus.${r.status}`)}
                    {r.version && r.version > 1 ? ` (${t('census.import.asVersion', { version: r.version })})` : ''}
                  </span>
                </td>
                <td>
                  {r.errors.length ? (
                    <ul className="inline-list census-row-errors">
                      {r.errors.map((e) => (
                        <li key={`${e.field}-${e.code}`}>{describeError(e, t)}</li>
                      ))}
                    </ul>
                  ) : (
                    t('common.none')
                  )}
                </td>
              </tr>
            ))}
          />
          {result ? (
            <div className="actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  resetResults();
                  setFile(null);
                  if (inputRef.current) inputRef.current.value = '';
                  inputRef.current?.focus();
                }}
              >
                {t('census.import.another')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
