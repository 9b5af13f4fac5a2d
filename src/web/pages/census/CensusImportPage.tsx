/**
 * /recensement/import — a census for many establishments from a CSV or XLSX file: templates to
 * download, a check of the file (progress, cancel) with a row-by-row report, then the choice to
 * import everything (only when every row is valid) or only the valid rows.
 */
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TImportReport } from '../../../contracts/census.ts';
import { isApiError } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { BackLink } from '../../components/PageParts.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useForm } from '../../forms/useForm.ts';
import { errorsFrom } from '../../forms/validation.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { paths } from '../../routes/paths.ts';
import { useCampaigns } from './campaign.ts';
import { ImportProgress, type Phase } from './ImportProgress.tsx';
import { ImportReport } from './ImportReport.tsx';
import { describeError } from './importErrors.ts';
import { invalidateAfterCensus } from './invalidate.ts';
import { fileFormat, type ImportMode, isAbort, MAX_UPLOAD_BYTES, uploadCensusFile } from './upload.ts';

export function CensusImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('census.import.title'));
  const user = useUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const ids = useId();
  const campaigns = useCampaigns();
  const week = campaigns.data?.current;
  const inputRef = useRef<HTMLInputElement>(null);
  const controller = useRef<AbortController | null>(null);

  // The file is checked as soon as it is chosen; "choose a file first" waits for a sending.
  const form = useForm({ file: null as File | null }, (v) =>
    errorsFrom({
      file: !v.file
        ? t('census.import.errors.noFile')
        : !fileFormat(v.file)
          ? t('census.import.errors.type')
          : v.file.size === 0
            ? t('census.import.errors.empty')
            : v.file.size > MAX_UPLOAD_BYTES
              ? t('census.import.errors.tooBig')
              : undefined,
    }),
  );
  const file = form.values.file;
  const fileField = form.bindFile('file');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [checked, setChecked] = useState<TImportReport | null>(null);
  const [result, setResult] = useState<TImportReport | null>(null);
  const [problem, setProblem] = useState<{ text: string; errors: string[] } | null>(null);
  const [cancelled, setCancelled] = useState<ImportMode | null>(null);

  // Leaving the page cancels an upload under way.
  useEffect(() => () => controller.current?.abort(), []);

  const sending = phase.kind === 'sending';

  const resetResults = () => {
    setChecked(null);
    setResult(null);
    setProblem(null);
    setCancelled(null);
  };

  const send = async (mode: ImportMode) => {
    if (!form.attempt(['file']) || !file) {
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

  const templateHref = (format: 'csv' | 'xlsx') =>
    `/api/census/template?${new URLSearchParams({ format, ...(week ? { week } : {}) })}`;

  return (
    <section className="page page-wide census-page">
      <BackLink to={paths.census()}>{t('census.import.back')}</BackLink>
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
          <Field
            id={`${ids}-input`}
            label={t('census.import.fileLabel')}
            hint={t('census.import.fileHint')}
            error={form.errorOf('file')}
          >
            {(c) => (
              <input
                {...c}
                {...fileField}
                ref={inputRef}
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(event) => {
                  resetResults();
                  fileField.onChange(event);
                }}
                disabled={sending}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={sending || !file}>
              {t('census.import.check')}
            </button>
          </div>
        </form>

        <ImportProgress
          phase={phase}
          fileName={file?.name ?? ''}
          onCancel={() => controller.current?.abort()}
          cancelled={cancelled}
          problem={problem}
          result={result}
        />
      </section>

      {checked ? (
        <ImportReport
          report={checked}
          fileName={checked.fileName ?? file?.name ?? ''}
          stored={result !== null}
          sending={sending}
          onImport={(mode) => void send(mode)}
          onAnother={() => {
            resetResults();
            form.reset();
            // A file input is not controlled by React: clear the choice it shows.
            if (inputRef.current) inputRef.current.value = '';
            inputRef.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}
