/**
 * Figures per year — a professional's training hours and runs, a centre's runs — as a table, and the
 * form that records a year's figures for those who may.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentYear } from '../../clock.ts';
import { LiveRegion } from '../../components/Feedback.tsx';
import { noClientChecks, submitWhenValid, useForm } from '../../forms/useForm.ts';
import { CountInputs } from './CountInputs.tsx';

/** A year's figures as typed: `year` and each count by its name ('' when left empty). */
export type YearEntry = Readonly<Record<string, string>>;

interface CountsForm {
  /** The counts after the year: field name and label. */
  counts: readonly (readonly [name: string, label: string])[];
  onSubmit: (figures: YearEntry) => void;
  pending: boolean;
  /** What the last recording said: an error, or that it was recorded. */
  outcome: { error: boolean; text: string | null };
}

export function YearCounts(props: {
  title: string;
  /** The headers after the year's. */
  columns: readonly string[];
  rows: readonly { year: number; cells: readonly (number | undefined)[] }[];
  form?: CountsForm;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p className="muted">{t('teams.professional.none')}</p>
      ) : (
        <table className="data-table">
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teams.professional.year')}</th>
              {props.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                {r.cells.map((v, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the cells of a row are its fixed columns
                  <td key={i}>{v ?? t('common.none')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.form ? <CountsForm id={id} {...props.form} /> : null}
    </section>
  );
}

/** The recording form: this year first, the counts empty; the server checks the figures. */
function CountsForm(props: CountsForm & { id: string }) {
  const { t } = useTranslation();
  const form = useForm<Record<string, string>>(
    { year: String(currentYear()), ...Object.fromEntries(props.counts.map(([name]) => [name, ''])) },
    noClientChecks,
  );
  return (
    <form className="form" noValidate onSubmit={submitWhenValid(form, props.id, [], () => props.onSubmit(form.values))}>
      <LiveRegion tone={props.outcome.error ? 'error' : 'success'}>{props.outcome.text}</LiveRegion>
      <CountInputs id={props.id} form={form} fields={[['year', t('teams.professional.year')], ...props.counts]} />
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={props.pending}>
          {t('teams.professional.record')}
        </button>
      </div>
    </form>
  );
}
