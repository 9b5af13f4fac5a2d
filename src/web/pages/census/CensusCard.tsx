/**
 * One establishment's census for a week: its status and due-date timer, the stored version (with
 * a "Correct" action) or the form prefilled from last week, and the history of versions.
 */

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TCensusReport, ZCampaignEstablishment } from '../../../contracts/census.ts';
import { CensusStatusBadge } from '../../components/CensusStatusBadge.tsx';
import { LiveRegion } from '../../components/Feedback.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { CensusForm } from './CensusForm.tsx';
import { consoleTotal } from './campaign.ts';
import { DueLine } from './DueLine.tsx';
import { ReportHistory } from './ReportHistory.tsx';

export type CampaignEstablishment = z.infer<typeof ZCampaignEstablishment>;

/** The figures of a stored report, grouped as in the form. */
export function ReportFigures(props: { report: TCensusReport; stale?: boolean }) {
  const { t, i18n } = useTranslation();
  const r = props.report;
  const n = (value: number) => formatNumber(value, i18n.language);
  const rows: [string, string][] = [
    [t('census.fields.available'), n(r.consoles.available)],
    [t('census.fields.inUse'), n(r.consoles.inUse)],
    [t('census.fields.maintenance'), n(r.consoles.maintenance)],
    [t('census.fields.lent'), n(r.consoles.lent)],
    [t('census.fields.outOfService'), n(r.consoles.outOfService)],
    [t('census.fields.inTransit'), n(r.consoles.inTransit)],
    [t('census.card.total'), n(consoleTotal(r.consoles))],
    [t('census.fields.circuits'), n(r.circuits)],
    [t('census.fields.cannulas'), n(r.cannulas)],
    [t('census.fields.vv'), n(r.patients.vv)],
    [t('census.fields.va'), n(r.patients.va)],
    [t('census.fields.teams'), n(r.teams)],
  ];
  return (
    <>
      <dl className={`census-figures${props.stale ? ' census-stale' : ''}`}>
        {rows.map(([label, value]) => (
          <div key={label} className={`census-figure${label === t('census.card.total') ? ' census-figure-total' : ''}`}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {r.comment ? (
        <p className="census-comment-text">
          <span className="muted">{t('census.fields.comment')} :</span> {r.comment}
        </p>
      ) : null}
    </>
  );
}

/** "Version 2, received 22 Nov 2026 09:47 from clinician@… (correction: …)". */
export function ReportStamp(props: { report: TCensusReport }) {
  const { t, i18n } = useTranslation();
  const r = props.report;
  return (
    <p className="census-stamp">
      <strong>{t('census.history.versionN', { version: r.version })}</strong> {t('census.card.receivedAt')}{' '}
      <time dateTime={r.submittedAt}>{formatDateTime(r.submittedAt, i18n.language)}</time>{' '}
      {t('census.card.by', { who: r.submittedBy })}
      {r.correctionReason ? (
        <>
          {' — '}
          <span>{t('census.card.correctionReason', { reason: r.correctionReason })}</span>
        </>
      ) : null}
    </p>
  );
}

export function CensusCard(props: {
  establishment: CampaignEstablishment;
  week: string;
  dueAt: string;
  canSubmit: boolean;
  /** The page's own heading names the establishment: the card then titles the week. */
  titleIsWeek?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const e = props.establishment;
  const report = e.report;
  const [mode, setMode] = useState<'view' | 'edit'>(report || !props.canSubmit ? 'view' : 'edit');
  const [saved, setSaved] = useState<TCensusReport | null>(null);
  const [announce, setAnnounce] = useState(false);
  const headingId = `census-card-${e.finess}`;

  const onSaved = (stored: TCensusReport) => {
    setSaved(stored);
    setAnnounce(true);
    setMode('view');
  };
  // Until the campaign is fetched again, the version just stored is newer than the one listed.
  const current = saved && (!report || saved.version > report.version) ? saved : report;
  const correcting = mode === 'edit' && current ? current : null;
  const prefill = correcting ?? e.previous;
  const prefillNote = correcting
    ? t('census.form.prefillCurrent', { version: correcting.version })
    : e.previous
      ? t('census.form.prefillPrevious', { week: e.previous.week })
      : t('census.form.noPrevious');

  return (
    <article className={`census-card census-card-${e.status}`} aria-labelledby={headingId}>
      <header className="census-card-header">
        <div>
          <h2 id={headingId}>{props.titleIsWeek ? t('census.card.weekTitle', { week: props.week }) : e.name}</h2>
          <p className="muted census-card-sub">
            {props.titleIsWeek ? null : <>{t('census.card.weekTitle', { week: props.week })} · </>}
            <span className="mono">{e.finess}</span>
            {e.city ? ` · ${e.city}` : ''}
          </p>
        </div>
        <CensusStatusBadge status={e.status} />
      </header>
      <DueLine dueAt={props.dueAt} received={Boolean(current)} />
      {e.lastReminderAt && !current ? (
        <p className="muted">
          {t('census.card.reminded')}{' '}
          <time dateTime={e.lastReminderAt}>{formatDateTime(e.lastReminderAt, i18n.language)}</time>
        </p>
      ) : null}

      <LiveRegion tone="success">
        {saved && announce && mode === 'view'
          ? t('census.card.saved', { week: saved.week, version: saved.version })
          : null}
      </LiveRegion>

      {mode === 'view' && current ? (
        <section className="census-stored" aria-label={t('census.card.storedLabel')}>
          <ReportStamp report={current} />
          <ReportFigures report={current} />
          {props.canSubmit ? (
            <div className="form-actions">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setAnnounce(false);
                  setMode('edit');
                }}
              >
                {t('census.card.correct')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}

      {mode === 'view' && !current ? (
        <section className="census-stored" aria-label={t('census.card.storedLabel')}>
          <p>{t('census.card.notReceived')}</p>
          {e.previous ? (
            <>
              <p className="muted">{t('census.card.previousFigures', { week: e.previous.week })}</p>
              <ReportFigures report={e.previous} stale />
            </>
          ) : null}
        </section>
      ) : null}

      {mode === 'edit' ? (
        <CensusForm
          key={correcting ? `correct-${correcting.version}` : 'first'}
          finess={e.finess}
          week={props.week}
          initial={prefill}
          correcting={correcting}
          prefillNote={prefillNote}
          onSaved={onSaved}
          onCancel={current ? () => setMode('view') : undefined}
        />
      ) : null}

      <ReportHistory finess={e.finess} name={e.name} />
    </article>
  );
}
