/** A centre's CEC and ECMO runs per year, with a form to record a year's counts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ops } from '../../../contracts/operations.ts';
import { call } from '../../api/client.ts';
import { teamKeys } from '../../api/keys.ts';
import { can, useUser } from '../../auth.tsx';
import { useErrorText } from '../../components/Feedback.tsx';
import { YearCounts, type YearEntry } from './YearCounts.tsx';

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
  const [done, setDone] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (f: YearEntry) =>
      call(ops.recordCentreActivity, {
        params: { finess: props.finess },
        body: { year: Number(f.year), cecRuns: Number(f.cec || 0), ecmoRuns: Number(f.ecmo || 0) },
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
              counts: [
                ['cec', t('teams.professional.cecRuns')],
                ['ecmo', t('teams.professional.ecmoRuns')],
              ],
              onSubmit: (figures) => record.mutate(figures),
              pending: record.isPending,
              outcome: { error: record.isError, text: record.isError ? errorText(record.error) : done },
            }
          : undefined
      }
    />
  );
}
