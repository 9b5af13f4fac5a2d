/** A centre's CEC and ECMO runs per year, with a form to record a year's counts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { currentYear } from '../../clock.ts';
import { useErrorText } from '../../components/Feedback.tsx';
import { YearCounts } from './YearCounts.tsx';

export function CentreActivity(props: { finess: string; name: string }) {
  const { t } = useTranslation();
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
  return (
    <YearCounts
      title={t('teams.team.centreActivity', { name: props.name })}
      columns={[t('teams.professional.cecRuns'), t('teams.professional.ecmoRuns')]}
      rows={(activity.data?.items ?? []).map((r) => ({ year: r.year, cells: [r.cecRuns, r.ecmoRuns] }))}
      form={
        can(user, 'professional:write')
          ? {
              fields: [
                ['year', t('teams.professional.year'), year, setYear],
                ['cec', t('teams.professional.cecRuns'), cec, setCec],
                ['ecmo', t('teams.professional.ecmoRuns'), ecmo, setEcmo],
              ],
              onSubmit: () => record.mutate(),
              pending: record.isPending,
              outcome: { error: record.isError, text: record.isError ? errorText(record.error) : done },
            }
          : undefined
      }
    />
  );
}
