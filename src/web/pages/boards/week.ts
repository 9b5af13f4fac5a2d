/** How the boards name a census week: "Semaine 47 (2026)", "S47". */
import { useTranslation } from 'react-i18next';

/** "2026-W47" → { year: "2026", week: "47" }. */
export function splitWeek(week: string): { year: string; week: string } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  return match ? { year: match[1] ?? '', week: String(Number(match[2])) } : { year: '', week };
}

export function useWeekLabel(): { long: (week: string) => string; short: (week: string) => string } {
  const { t } = useTranslation();
  return {
    long: (week) => t('boards.week.long', splitWeek(week)),
    short: (week) => t('boards.week.short', splitWeek(week)),
  };
}
