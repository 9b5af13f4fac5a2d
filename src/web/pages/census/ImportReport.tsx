/** The row-by-row report of a checked file, and the choice to import everything or only the valid rows. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TImportReport } from '../../../contracts/census.ts';
import { formatNumber } from '../../components/format.ts';
import { DataTable } from '../../components/ListParts.tsx';
import { describeError } from './importErrors.ts';
import type { ImportMode } from './upload.ts';

export function ImportReport(props: {
  report: TImportReport;
  fileName: string;
  /** The rows are stored already: no more choice, the way to another file. */
  stored: boolean;
  sending: boolean;
  onImport: (mode: Exclude<ImportMode, 'validate'>) => void;
  onAnother: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ids = useId();
  const [onlyRefused, setOnlyRefused] = useState(false);
  const n = (value: number) => formatNumber(value, i18n.language);
  const rows = props.report.report.filter((r) => !onlyRefused || r.status === 'invalid');
  return (
    <section className="census-section" aria-labelledby={`${ids}-report`}>
      <h2 id={`${ids}-report`}>{t('census.import.reportTitle')}</h2>
      <p className="result-count">
        {t('census.import.summary', {
          count: props.report.rows,
          formatted: n(props.report.rows),
          valid: t('census.import.validCount', { count: props.report.valid, formatted: n(props.report.valid) }),
          invalid: t('census.import.invalidCount', { count: props.report.invalid, formatted: n(props.report.invalid) }),
        })}
      </p>
      {!props.stored ? (
        <div className="census-choices">
          <div>
            <button
              type="button"
              className="button button-primary"
              disabled={props.sending || props.report.invalid > 0 || props.report.valid === 0}
              aria-describedby={`${ids}-all-hint`}
              onClick={() => props.onImport('all')}
            >
              {t('census.import.importAll')}
            </button>
            <p id={`${ids}-all-hint`} className="field-hint">
              {props.report.invalid > 0 ? t('census.import.importAllDisabled') : t('census.import.importAllHint')}
            </p>
          </div>
          <div>
            <button
              type="button"
              className="button button-secondary"
              disabled={props.sending || props.report.valid === 0}
              aria-describedby={`${ids}-valid-hint`}
              onClick={() => props.onImport('valid_rows')}
            >
              {t('census.import.importValid', { count: props.report.valid, formatted: n(props.report.valid) })}
            </button>
            <p id={`${ids}-valid-hint`} className="field-hint">
              {props.report.valid === 0 ? t('census.import.nothingValid') : t('census.import.importValidHint')}
            </p>
          </div>
        </div>
      ) : null}
      {props.report.invalid > 0 ? (
        <label className="census-toggle">
          <input type="checkbox" checked={onlyRefused} onChange={(ev) => setOnlyRefused(ev.target.checked)} />{' '}
          {t('census.import.onlyRefused')}
        </label>
      ) : null}
      <DataTable
        className="census-import-table"
        caption={t('census.import.caption', { name: props.fileName })}
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
      {props.stored ? (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={props.onAnother}>
            {t('census.import.another')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
