import { useTranslation } from 'react-i18next';
import type { TEcmoRequest } from '../../../contracts/regulation.ts';
import { formatDateTime } from '../../components/format.ts';
import { RequestStateBadge } from './badges.tsx';

export function Timeline(props: { request: TEcmoRequest }) {
  const { t, i18n } = useTranslation();
  const events = props.request.timeline;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('regulation.detail.timeline')}</h2>
      {events.length === 0 ? (
        <p>{t('regulation.detail.timelineEmpty')}</p>
      ) : (
        <ol className="timeline">
          {events.map((e) => (
            <li key={`${e.at}-${e.kind}-${e.toState ?? ''}`} className={`timeline-item reg-event-${e.kind}`}>
              <p className="timeline-when">
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                <span className="muted"> · {e.actor}</span>
              </p>
              <p className="timeline-what">
                <strong>{t(`regulation.detail.events.${e.kind}`)}</strong>
                {e.toState ? (
                  <>
                    {' '}
                    <RequestStateBadge state={e.toState} />
                  </>
                ) : null}
              </p>
              {e.reason ? <p className="timeline-reason">« {e.reason} »</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
