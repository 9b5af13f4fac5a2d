/**
 * End-to-end journey of teams and upkeep: the perfusionist sees her week of shifts and the roster
 * with its gaps, finds the console overdue for calibration, signs a pre-use check on another; the
 * regional regulator sees which mobile units are deployable now, and that the overdue console is
 * never offered when a request is regulated. Real server (in-process, demo data), real Chromium.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeJourney, SHOTS, watchConsole } from './support.ts';

const PRADEL = '690784186';
const GRENOBLE = '380000067';

interface Due {
  items: { consoleId: string; serialNumber: string; calibration: string; status: string; blocked: boolean }[];
}

describeJourney('teams, roster and upkeep (browser)', 'the teams journey', (journey) => {
  async function signedIn(email: string): Promise<Page> {
    const page = await journey.newPage();
    await page.goto(`${journey.base}/connexion`);
    await journey.signIn(page, email);
    await page.waitForURL(`${journey.base}/`);
    return page;
  }
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

  it('shows the perfusionist her week of shifts and the blocked console, and records her pre-use check', async () => {
    const page = await signedIn('perfusionist@demo.relais.fr');
    const errors = watchConsole(page, [{ status: 409, path: /\/api\/teams\/.+\/shifts$/ }]);
    await nav(page).getByRole('link', { name: 'Astreintes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gardes et astreintes' }).waitFor();
    const grid = page.getByRole('table', { name: /Tableau de la semaine/ });
    await grid.getByRole('rowheader', { name: /ECMO Hopital Louis Pradel/ }).waitFor();
    await page.getByLabel('Mes gardes seulement').click();
    await page.waitForURL(/mes=1/);
    await expect.poll(() => grid.locator('.roster-shift').count()).toBeGreaterThan(0);
    const names = await grid.locator('.roster-shift strong').allTextContents();
    expect(new Set(names)).toEqual(new Set(['Morgane Perfusion']));
    await page.screenshot({ path: join(SHOTS, 'teams-01-my-week.png'), fullPage: true });
    // Next week, then back: the week is in the URL.
    await page.getByRole('button', { name: /Semaine suivante/ }).click();
    await page.waitForURL(/semaine=\d{4}-W\d{2}/);
    await expect.poll(() => grid.locator('.roster-shift').count()).toBeGreaterThan(0);

    // From her team's page, a shift is added to that week; one overlapping her own is refused.
    await grid.getByRole('link', { name: /ECMO Hopital Louis Pradel/ }).click();
    await page.waitForURL(/\/equipes\/[0-9a-f-]{36}$/);
    const shiftForm = page.locator('form', { hasText: 'Ajouter une garde ou astreinte' });
    await shiftForm.getByLabel('Nom').selectOption({ label: 'Morgane Perfusion — Perfusionniste' });
    await shiftForm.getByLabel('Jour').selectOption({ index: 0 });
    await shiftForm.getByLabel('Début').fill('07:00');
    await shiftForm.getByLabel(/^Fin/).fill('09:00');
    await shiftForm.getByRole('button', { name: 'Ajouter une garde ou astreinte' }).click();
    await page.getByText('Tableau enregistré.').waitFor();
    await shiftForm.getByLabel('Début').fill('08:00');
    await shiftForm.getByLabel(/^Fin/).fill('10:00');
    await shiftForm.getByRole('button', { name: 'Ajouter une garde ou astreinte' }).click();
    await page.getByText(/déjà de garde ou d’astreinte sur ce créneau/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'teams-01b-team-shifts.png'), fullPage: true });

    // The consoles due: one is overdue for calibration, and blocked.
    const due = await journey.api<Due>(page, `/api/maintenance/due?finess=${PRADEL}`);
    const blocked = due.items.find((c) => c.calibration === 'overdue' && c.status === 'available');
    expect(blocked).toBeDefined();
    await nav(page).getByRole('link', { name: 'Entretien' }).click();
    await page.getByRole('heading', { level: 1, name: 'Entretien des consoles' }).waitFor();
    const row = page.locator(`tr[data-console="${blocked?.serialNumber}"]`);
    await row.getByText('En retard').waitFor();
    await row.getByText('Bloquée').waitFor();
    await page.screenshot({ path: join(SHOTS, 'teams-02-upkeep.png'), fullPage: true });
    await row.getByRole('link', { name: blocked?.serialNumber }).click();
    await page.getByText('Bloquée : la régulation ne propose pas cette console.').waitFor();

    // A pre-use check on a console fit to go: a point left unticked fails it; all ticked passes.
    const fit = due.items.find((c) => !c.blocked) ?? blocked;
    await page.goto(`${journey.base}/consoles/${fit?.consoleId}`);
    const check = page.locator('form', { hasText: 'Contrôle avant usage' });
    await check.waitFor();
    for (const item of [
      'Intégrité',
      'Alarmes',
      'Batterie',
      'Capteur de débit',
      'Mélangeur de gaz',
      'Échangeur thermique',
    ])
      await check.getByLabel(new RegExp(item)).check();
    await check.getByLabel('Signé par').selectOption({ label: 'Morgane Perfusion — Perfusionniste' });
    await check.getByRole('button', { name: 'Signer le contrôle' }).click();
    await page.getByText('Contrôle enregistré.').waitFor();
    await page.getByText(/Morgane Perfusion · conforme/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'teams-03-check-signed.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows the regional regulator the roster’s gaps, the mobile units deployable now, and never offers the overdue console', async () => {
    const page = await signedIn('regional-regulator@demo.relais.fr');
    const errors = watchConsole(page, []);
    // The region's roster: spans without a team's minimum composition are flagged in red.
    await nav(page).getByRole('link', { name: 'Astreintes' }).click();
    const week = page.getByRole('table', { name: /Tableau de la semaine/ });
    await expect.poll(() => week.locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByText(/\d+ trous? dans la semaine/).waitFor();
    const gap = week.locator('.roster-cell-gap .roster-gap').first();
    await gap.getByText(/Manque : .*Perfusionniste/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'teams-00-roster-gaps.png'), fullPage: false });
    await nav(page).getByRole('link', { name: 'Équipes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Équipes' }).waitFor();
    await page.getByLabel('Type').selectOption('umac');
    await page.waitForURL(/type=umac/);
    const table = page.getByRole('table', { name: /Équipes et disponibilité/ });
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    const deployable = table.locator('tbody tr', { hasText: 'Déployable' });
    expect(await deployable.count()).toBeGreaterThan(0);
    await deployable.first().getByText(/UMAC/).first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'teams-04-umac-deployable.png'), fullPage: true });

    // A request from Grenoble: the options name their team and never use the overdue console.
    const due = await journey.api<Due>(page, `/api/maintenance/due?finess=${PRADEL}`);
    const blocked = due.items.find((c) => c.calibration === 'overdue' && c.status === 'available');
    await page.goto(`${journey.base}/regulation/nouvelle`);
    await page.getByLabel('Code du cas').fill('GRE-26-0001');
    await page.getByLabel('Établissement demandeur (FINESS)').fill(GRENOBLE);
    await page.getByLabel('Tranche d’âge').selectOption('40-59');
    await page.getByLabel('Indication').selectOption('VV');
    await page.getByLabel('Urgence').selectOption('hours');
    await page.getByLabel(/Non : transfert/).check();
    await page.getByLabel('Nom du médecin à rappeler').fill('Dr Grenoble');
    await page.getByLabel('Téléphone').fill('04 76 76 75 75');
    await page.getByRole('button', { name: 'Déposer la demande' }).click();
    await page.waitForURL(/\/regulation\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Prendre en charge' }).click();
    const options = page.getByRole('table', { name: /Solutions proposées/ });
    await options.locator('tbody tr').first().waitFor();
    const umac = options.locator('tr[data-option="umac"]').first();
    await umac.getByText(/équipe mobile UMAC .*, prête en \d+ min/).waitFor();
    const text = await options.textContent();
    expect(text).not.toContain(blocked?.serialNumber);
    await page.screenshot({ path: join(SHOTS, 'teams-05-options-teams.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 90_000);
});
