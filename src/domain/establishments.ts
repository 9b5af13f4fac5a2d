/** The vocabulary of establishments (FINESS sites): their sector and the categories Relais lists. */

export const SECTORS = ['public', 'private'] as const;
export type Sector = (typeof SECTORS)[number];

/** FINESS categories of the acute-care establishments loaded (code → FINESS label). */
export const ESTABLISHMENT_CATEGORIES = {
  '101': 'Centre Hospitalier Régional (C.H.R.)',
  '106': 'Centre hospitalier, ex Hôpital local',
  '122': 'Établissement de Soins Obstétriques Chirurgico-Gynécologiques',
  '128': 'Établissement de Soins Chirurgicaux',
  '129': 'Établissement de Soins Médicaux',
  '131': 'Centre de Lutte Contre Cancer',
  '355': 'Centre Hospitalier (C.H.)',
  '365': 'Établissement de Soins Pluridisciplinaire',
} as const;

const LABELS = new Map<string, string>(Object.entries(ESTABLISHMENT_CATEGORIES));
/** The FINESS label of a category code, when Relais lists it. */
export const categoryLabel = (code: string): string | undefined => LABELS.get(code);
