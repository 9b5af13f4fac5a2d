/** Upload of a roster file (CSV or XLSX): check it row by row, or check and store it all at once. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { teamKeys } from '../../api/keys.ts';
import { useUser } from '../../auth.tsx';
import { useErrorText } from '../../components/Feedback.tsx';
import { Field } from '../../components/Field.tsx';
import { SubmitActions } from '../../forms/fields.tsx';
import { noClientChecks, useForm } from '../../forms/useForm.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A roster file refused whole (400): its rows' errors, to show under the message. */
class RosterRefusal extends Error {
  constructor(
    message: string,
    readonly rows: { row: number; field: string; message: string }[],
  ) {
    super(message);
  }
}

/** Upload of a roster file: check it (row-by-row report), or check and store it all at once. */
export function RosterImport() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { csrfToken } = useUser();
  const form = useForm({ file: null as File | null }, noClientChecks);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<RosterRefusal['rows']>([]);
  const importing = useMutation({
    mutationFn: async (mode: 'validate' | 'all') => {
      const file = form.values.file;
      if (!file) throw new Error(t('validation.required'));
      const response = await fetch(`/api/roster/imports?mode=${mode}&fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: {
          'content-type': file.name.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv',
          'x-csrf-token': csrfToken,
          'accept-language': i18n.language,
          accept: 'application/json',
        },
        // The bytes as saved: the server reads their encoding (Windows-1252 from Excel, UTF-16…); the
        // browser would decode them as UTF-8 and turn every accent into �.
        body: file,
        credentials: 'same-origin',
      });
      const json = await response.json();
      if (!response.ok) {
        const errors: { field: string; message: string }[] = json.errors ?? [];
        const rows = errors.flatMap((e) => {
          const m = /^rows\.(\d+)\.(.*)$/.exec(e.field);
          return m ? [{ row: Number(m[1]), field: m[2] ?? '', message: e.message }] : [];
        });
        if (rows.length) throw new RosterRefusal(t('teams.roster.refused'), rows);
        throw new Error(errors[0]?.message ?? json.detail ?? json.title);
      }
      return json as {
        rows: number;
        valid: number;
        invalid: number;
        stored: number;
        report: { row: number; status: string; errors: { field: string; message: string }[] }[];
      };
    },
    onMutate: () => {
      setError(null);
      setRefused([]);
    },
    onSuccess: (report) => {
      if (report.stored) void queryClient.invalidateQueries({ queryKey: teamKeys.shifts.all });
    },
    onError: (e) => {
      setError(errorText(e));
      if (e instanceof RosterRefusal) setRefused(e.rows);
    },
  });
  const send = (mode: 'validate' | 'all') => (event: FormEvent) => {
    event.preventDefault();
    importing.mutate(mode);
  };
  const report = importing.data;
  return (
    <section className="roster-import" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('teams.roster.import')}</h2>
      <p className="field-hint">{t('teams.roster.importHint')}</p>
      <form className="form" onSubmit={send('validate')}>
        <Field id={`${id}-file`} label={t('teams.roster.file')}>
          {(c) => <input {...c} {...form.bindFile('file')} type="file" accept={`.csv,.xlsx,text/csv,${XLSX_TYPE}`} />}
        </Field>
        <SubmitActions
          pending={importing.isPending}
          submit={t('teams.roster.validate')}
          submitting={t('teams.roster.importing')}
          tone="secondary"
        >
          <button type="button" className="button button-primary" disabled={importing.isPending} onClick={send('all')}>
            {t('teams.roster.store')}
          </button>
        </SubmitActions>
      </form>
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
          {refused.length ? (
            <ul>
              {refused.map((r) => (
                <li key={`${r.row}-${r.field}-${r.message}`}>
                  {t('teams.roster.row', { row: r.row })} : {r.field} — {r.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {report ? (
        <div role="status">
          <p className={report.invalid ? 'notice notice-error' : 'notice notice-success'}>
            {t('teams.roster.report', report)}
          </p>
          <ul>
            {report.report
              .filter((r) => r.errors.length)
              .map((r) => (
                <li key={r.row}>
                  {t('teams.roster.row', { row: r.row })} :{' '}
                  {r.errors.map((e) => `${e.field} — ${e.message}`).join(' ; ')}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
