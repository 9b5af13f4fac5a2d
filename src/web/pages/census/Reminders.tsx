/**
 * Reminding the establishments that have not answered: the button (with how many), the dialog that
 * names them before sending, and the line that says what was sent.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { censusKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { ErrorNotice, LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { paths } from '../../routes/paths.ts';
import type { CampaignEstablishment } from './CensusCard.tsx';

export interface Reminded {
  establishments: number;
  recipients: number;
}

export function Reminders(props: {
  week: string;
  /** The region of the list, '' for the whole campaign. */
  region: string;
  /** The region's name, or null for the whole campaign. */
  scope: string | null;
  toRemind: readonly CampaignEstablishment[];
  onOpen: () => void;
  onDone: (reminded: Reminded) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const ids = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const remind = useMutation({
    mutationFn: () =>
      call(ops.remindCensus, {
        params: { week: props.week },
        body: { region: props.region || undefined, finess: props.toRemind.map((e) => e.finess) },
      }),
    onSuccess: (result) => {
      props.onDone(result);
      dialogRef.current?.close();
      void queryClient.invalidateQueries({ queryKey: censusKeys.all });
    },
  });
  return (
    <div className="census-remind">
      <button
        type="button"
        className="button button-primary"
        disabled={props.toRemind.length === 0}
        onClick={() => {
          remind.reset();
          props.onOpen();
          dialogRef.current?.showModal();
        }}
      >
        {t('census.remind.button')}
      </button>
      <p className="field-hint">
        {props.toRemind.length === 0
          ? t('census.remind.nobody')
          : t('census.remind.count', { count: props.toRemind.length })}
      </p>
      <dialog ref={dialogRef} className="census-dialog" aria-labelledby={`${ids}-dialog-title`}>
        <h2 id={`${ids}-dialog-title`}>{t('census.remind.confirmTitle')}</h2>
        <p>
          {t('census.remind.confirmText', {
            count: props.toRemind.length,
            week: props.week,
            scope: props.scope ?? t('census.remind.allScope'),
          })}
        </p>
        <ul className="census-remind-list">
          {props.toRemind.slice(0, 12).map((e) => (
            <li key={e.finess}>{e.name}</li>
          ))}
          {props.toRemind.length > 12 ? (
            <li>{t('census.remind.more', { count: props.toRemind.length - 12 })}</li>
          ) : null}
        </ul>
        <ErrorNotice>{remind.isError ? errorText(remind.error) : null}</ErrorNotice>
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={remind.isPending}
            onClick={() => remind.mutate()}
          >
            {remind.isPending ? t('census.remind.sending') : t('census.remind.confirm')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => dialogRef.current?.close()}>
            {t('common.cancel')}
          </button>
        </div>
      </dialog>
    </div>
  );
}

/** "Relance envoyée à 3 établissements : 5 courriels mis en file d'envoi", with the way to the outbox. */
export function RemindDone(props: { reminded: Reminded | null }) {
  const { t } = useTranslation();
  const user = useUser();
  const { reminded } = props;
  return (
    <LiveRegion tone="success">
      {reminded ? (
        <>
          {t('census.remind.done', {
            count: reminded.establishments,
            recipients: t('census.remind.recipients', { count: reminded.recipients }),
          })}
          {can(user, 'outbox:read') ? (
            <>
              {' '}
              <Link to={paths.outbox()}>{t('census.remind.seeOutbox')}</Link>
            </>
          ) : null}
        </>
      ) : null}
    </LiveRegion>
  );
}
