/**
 * The teams pages as lazily loaded route definitions: /astreintes, /equipes[/:id],
 * /professionnels[/nouveau|/:id] and /entretien.
 */
import type { ReactElement } from 'react';
import { RequirePermission } from '../../components/Guards.tsx';
import { UpkeepPage } from '../fleet/UpkeepPage.tsx';
import { NewProfessionalPage } from './NewProfessionalPage.tsx';
import { ProfessionalPage } from './ProfessionalPage.tsx';
import { ProfessionalsPage } from './ProfessionalsPage.tsx';
import { RosterPage } from './RosterPage.tsx';
import { TeamPage } from './TeamPage.tsx';
import { TeamsPage } from './TeamsPage.tsx';

const guarded = (action: Parameters<typeof RequirePermission>[0]['action'], page: ReactElement) => ({
  element: <RequirePermission action={action}>{page}</RequirePermission>,
});

export const roster = guarded('team:read', <RosterPage />);
export const teams = guarded('team:read', <TeamsPage />);
export const team = guarded('team:read', <TeamPage />);
export const professionals = guarded('professional:read', <ProfessionalsPage />);
export const newProfessional = guarded('professional:write', <NewProfessionalPage />);
export const professional = guarded('professional:read', <ProfessionalPage />);
export const upkeep = guarded('upkeep:read', <UpkeepPage />);
