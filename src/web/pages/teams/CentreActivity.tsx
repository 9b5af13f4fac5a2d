/** A centre's CEC and ECMO runs per year, with a form to record a year's counts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { currentYear } from '../../clock.ts';
import { LiveRegion, useErrorText } from '../../components/Feedback.tsx';
import { CountInputs } from './CountInputs.tsx';

export function CentreActivity(props: { finess: string; name: string }) {
  const { t } = useTranslation();
  const id = useId();
  const user = useUser();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const key = teamKeys.activity(props.finess);
  const activity = useQuery({
    queryKey: key,
    queryFn: () => call(ops.listCentreActivity, { query: { finess: props.finess } }),
  });
  const [year, setYear] = useState(String(currentYear()));
  const [cec, setCec] = useState('');
  const [ecmo, setEcmo] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: () =>
      call(ops.recordCentreActivity, {
        params: { finess: props.finess },
        body: { year: Number(year), cecRuns: Number(cec || 0), ecmoRuns: Number(ecmo || 0) },
      }),
    onMutate: () => setDone(null),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      setDone(t('teams.professional.recorded'));
    },
  });
  const rows = activity.data?.items ?? [];
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('teams.team.centreActivity', { name: props.name })}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('teams.professional.none')}</p>
      ) : (
        <table className="data-table">
          <caption>{t('teams.team.centreActivity', { name: props.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('teams.professional.year')}</th>
              <th scope="col">{t('teams.professional.cecRuns')}</th>
              <th scope="col">{t('teams.professional.ecmoRuns')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}</th>
                <td>{r.cecRuns}</td>
                <td>{r.ecmoRuns}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can(user, 'professional:write') ? (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate();
          }}
        >
          <LiveRegion tone={record.isError ? 'error' : 'success'}>
            {record.isError ? errorText(record.error) : done}
          </LiveRegion>
          <CountInputs
            id={id}
            fields={[
              ['year', t('teams.professional.year'), year, setYear],
              ['cec', t('teams.professional.cecRuns'), cec, setCec],
              ['ecmo', t('teams.professional.ecmoRuns'), ecmo, setEcmo],
            ]}
          />
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={record.isPending}>
              {t('teams.professional.record')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
