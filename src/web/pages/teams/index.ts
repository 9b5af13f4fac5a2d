/** The teams pages (roster, teams, professionals), one chunk loaded on the first visit: see routes/table.ts. */
export { NewProfessionalPage } from './NewProfessionalPage.tsx';
export { ProfessionalPage } from './ProfessionalPage.tsx';
export { ProfessionalsPage } from './ProfessionalsPage.tsx';
export { RosterPage } from './RosterPage.tsx';
export { TeamPage } from './TeamPage.tsx';
export { TeamsPage } from './TeamsPage.tsx';
