/**
 * Figures per year — a professional's training hours and runs, a centre's runs — as a table, and the
 * form that records a year's figures for those who may.
 */
import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveRegion } from '../../components/Feedback.tsx';
import { CountInputs } from './CountInputs.tsx';

type CountField = Parameters<typeof CountInputs>[0]['fields'][number];

export function YearCounts(props: {
  title: string;
  /** The headers after the year's. */
  columns: readonly string[];
  rows: readonly { year: number; cells: readonly (number | undefined)[] }[];
  form?: {
    fields: readonly CountField[];
    onSubmit: () => void;
    pending: boolean;
    /** What the last recording said: an error, or that it was recorded. */
    outcome: { error: boolean; text: string | null };
  };
}) {
  const { t } = useTranslation();
  const id = useId();
  const { form } = props;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    form?.onSubmit();
  };
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
      {form ? (
        <form className="form" noValidate onSubmit={submit}>
          <LiveRegion tone={form.outcome.error ? 'error' : 'success'}>{form.outcome.text}</LiveRegion>
          <CountInputs id={id} fields={form.fields} />
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={form.pending}>
              {t('teams.professional.record')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
