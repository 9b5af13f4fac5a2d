/**
 * End-to-end journey of regulation, in three browser contexts at once: a clinician files an ECMO
 * request; the regional regulator sees it appear live, compares the ranked solutions with their
 * reasons and lends a console; the boards change. The region then runs out of consoles: a second
 * request has no regional solution and is escalated; the national regulator, alerted, deploys a
 * console from the national stock for 21 days. The loans show their due dates; the lent console
 * arrives and is returned; the request timelines, the loan history and the regional report tell the
 * story. Real server (in-process, embedded database with demo data), real Chromium.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeJourney, SHOTS, watchConsole } from './support.ts';

interface RegionalBoard {
  establishments: { finess: string; consoles: { available: number; inTransit: number; lent: number } }[];
}
interface Loan {
  id: string;
  kind: 'lend' | 'national_stock';
  state: string;
  requestId: string;
  startsAt: string;
  dueAt: string;
  lender: { id: string };
}

describeJourney('regulation (browser)', 'the regulation journey', (journey) => {
  async function signedIn(email: string): Promise<Page> {
    const page = await journey.newPage();
    await page.goto(`${journey.base}/connexion`);
    await journey.signIn(page, email);
    await page.waitForURL(`${journey.base}/`);
    return page;
  }
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

  async function fileRequest(page: Page, caseCode: string) {
    await page.goto(`${journey.base}/regulation/nouvelle`);
    await page.getByRole('heading', { level: 1, name: 'Nouvelle demande d’ECMO' }).waitFor();
    await page.getByLabel('Code du cas').fill(caseCode);
    await page.getByLabel('Tranche d’âge').selectOption('40-59');
    await page.getByLabel('Indication').selectOption('VV');
    await page.getByLabel('Urgence').selectOption('immediate');
    await page.getByLabel(/PaO₂\/FiO₂/).fill('62');
    await page.getByLabel('Lactates (mmol/L)').fill('2,4');
    await page.getByLabel(/Oui : une équipe sur place/).check();
    await page.getByLabel('Téléphone').fill('04 72 11 89 00');
    await page.getByRole('button', { name: 'Déposer la demande' }).click();
    await page.waitForURL(/\/regulation\/[0-9a-f-]{36}$/);
    await page.getByText('Demande déposée : les régulateurs de la région sont prévenus.').waitFor();
    return page.url().split('/').pop() as string;
  }

  it('takes a request from filing to a lent console, an escalation, the national stock, a return and the report', async () => {
    const regulator = await signedIn('regional-regulator@demo.relais.fr');
    const clinician = await signedIn('clinician@demo.relais.fr');
    const regulatorErrors = watchConsole(regulator, []);
    const clinicianErrors = watchConsole(clinician, []);

    // The regulator watches the open requests; the page is live.
    await nav(regulator).getByRole('link', { name: 'Régulation', exact: true }).click();
    await regulator.getByRole('heading', { level: 1, name: 'Régulation ECMO' }).waitFor();
    await regulator.locator('.reg-live-open').waitFor();
    await regulator.getByText('Aucune demande en cours.').waitFor();

    // The clinician files: a name as case code is refused before anything is sent.
    await clinician.goto(`${journey.base}/regulation/nouvelle`);
    await clinician.getByLabel('Code du cas').fill('DUPONT');
    await clinician.getByRole('button', { name: 'Déposer la demande' }).click();
    await clinician.getByText('Ce code ressemble à un nom : utilisez un code pseudonyme.').waitFor();
    await clinician.screenshot({ path: join(SHOTS, 'regulation-01-form-errors.png'), fullPage: true });
    const firstId = await fileRequest(clinician, 'LYON-26-0001');

    // …and the regulator's list shows it without a reload, with its timer; the alert count rises.
    const row = regulator.locator('tr[data-request="LYON-26-0001"]');
    await row.waitFor({ timeout: 10_000 });
    await row.getByText('Déposée').waitFor();
    await row.getByText('Immédiate').waitFor();
    await regulator.getByTestId('notification-bell').getByText('Alertes : 1').waitFor();
    await regulator.locator('.reg-alert', { hasText: 'LYON-26-0001' }).waitFor();
    await regulator.screenshot({ path: join(SHOTS, 'regulation-02-live-list.png'), fullPage: true });

    // The regulator acknowledges the alert, opens the request and takes it in charge.
    await regulator
      .locator('.reg-alert', { hasText: 'LYON-26-0001' })
      .getByRole('button', { name: 'Acquitter' })
      .click();
    await regulator.getByText('Alerte acquittée.').waitFor();
    await row.getByRole('link', { name: 'LYON-26-0001' }).click();
    await regulator.waitForURL(`**/regulation/${firstId}`);
    await regulator.getByRole('button', { name: 'Prendre en charge' }).click();
    await regulator.getByText('Demande prise en charge.').waitFor();

    // Ranked options, each with its reasons, and the assumptions they rest on.
    const options = regulator.getByRole('table', { name: 'Solutions proposées, de la meilleure à la moins bonne' });
    await options.waitFor();
    const lend = options.locator('tr[data-option="lend"]').first();
    await lend.waitFor();
    await lend.getByText(/min de route \(\d+ km\)/).waitFor();
    await lend.getByText(/il lui restera \d+ console\(s\)/).waitFor();
    await lend.getByText('l’équipe du site demandeur conduit l’ECMO').waitFor();
    await regulator.getByText('Hypothèses').click();
    await regulator.getByText(/distance à vol d’oiseau × 1,3, à 80 km\/h/).waitFor();
    await regulator.screenshot({ path: join(SHOTS, 'regulation-03-options.png'), fullPage: true });

    const boardBefore = await journey.api<RegionalBoard>(regulator, '/api/boards/regions/84');
    await lend.getByRole('button', { name: /^Décider…/ }).click();
    await regulator
      .locator('.reg-decide')
      .getByLabel('Motivation')
      .fill('Centre le plus proche, garde une console en réserve');
    await regulator.getByRole('button', { name: 'Confirmer la décision' }).click();
    await regulator.getByText('Solution décidée : console et circuit réservés.').waitFor();
    await regulator.locator('h1').getByText('Décidée').waitFor();
    await regulator.getByRole('link', { name: 'Voir le prêt' }).waitFor();

    // The boards change at once: one more console on the road in the region.
    const boardAfter = await journey.api<RegionalBoard>(regulator, '/api/boards/regions/84');
    const inTransit = (b: RegionalBoard) => b.establishments.reduce((s, e) => s + e.consoles.inTransit, 0);
    expect(inTransit(boardAfter)).toBe(inTransit(boardBefore) + 1);
    // The clinician's page followed the decision live.
    await clinician.locator('h1').getByText('Décidée').waitFor({ timeout: 10_000 });

    // The region runs out: every console of its centres is taken.
    await journey.changeFleet(
      `UPDATE consoles SET status = 'in_use' WHERE status = 'available' AND site_finess IN (
         SELECT e.finess FROM establishments e JOIN departements d ON d.code = e.departement_code WHERE d.region_code = '84')`,
    );
    const secondId = await fileRequest(clinician, 'LYON-26-0002');
    await regulator.goto(`${journey.base}/regulation/${secondId}`);
    await regulator.getByRole('button', { name: 'Prendre en charge' }).click();
    await regulator.getByText('Aucune solution dans la région : escaladez au national.').waitFor();
    const escalation = regulator.locator('details', { hasText: 'Escalader au national' });
    await escalation.locator('summary').click();
    await escalation.getByLabel('Motif').fill('Plus aucune console disponible en Auvergne-Rhône-Alpes');
    await regulator.getByRole('button', { name: 'Escalader au national' }).click();
    await regulator.getByText('Demande escaladée au national.').waitFor();
    await regulator.getByText('Demande escaladée : elle est régulée par le national.').waitFor();
    await regulator.screenshot({ path: join(SHOTS, 'regulation-04-escalated.png'), fullPage: true });

    // The national regulator is alerted and deploys a console from the national stock.
    const national = await signedIn('national-regulator@demo.relais.fr');
    const nationalErrors = watchConsole(national, []);
    await national.getByTestId('notification-bell').click();
    const alert = national
      .locator('.reg-alert', { hasText: 'LYON-26-0002' })
      .filter({ hasText: 'Escalade au national' });
    await alert.waitFor();
    await alert.getByRole('link', { name: 'Voir la demande' }).click();
    await national.waitForURL(`**/regulation/${secondId}`);
    const stock = national.locator('tr[data-option="national_stock"]').first();
    await stock.waitFor();
    await stock.getByText('stock national : prêt à durée limitée').waitFor();
    await stock.getByRole('button', { name: /^Décider…/ }).click();
    await national.locator('.reg-decide').getByLabel('Motivation').fill('Déploiement du stock national pour 21 jours');
    await national.getByRole('button', { name: 'Confirmer la décision' }).click();
    await national.getByText('Solution décidée : console et circuit réservés.').waitFor();
    await national.screenshot({ path: join(SHOTS, 'regulation-05-national-decided.png'), fullPage: true });

    // The loans, with their due dates: 14 days between centres, 21 for the national stock.
    await nav(national).getByRole('link', { name: 'Prêts' }).click();
    await national.getByRole('heading', { level: 1, name: 'Prêts de consoles' }).waitFor();
    const loansTable = national.getByRole('table', { name: 'Prêts' });
    await loansTable.getByRole('link', { name: 'Stock national' }).waitFor();
    await loansTable.getByRole('link', { name: 'Prêt entre centres' }).waitFor();
    await loansTable.getByText(/dans 2[01] j/).waitFor();
    await loansTable.getByText(/dans 1[34] j/).waitFor();
    await national.screenshot({ path: join(SHOTS, 'regulation-06-loans.png'), fullPage: true });
    const loans = await journey.api<{ items: Loan[] }>(national, '/api/loans?open=true');
    const days = (l: Loan) => Math.round((Date.parse(l.dueAt) - Date.parse(l.startsAt)) / 86_400_000);
    const lent = loans.items.find((l) => l.requestId === firstId) as Loan;
    expect(days(lent)).toBe(14);
    expect(days(loans.items.find((l) => l.requestId === secondId) as Loan)).toBe(21);

    // The lent console arrives, then comes back to its lender, ready for a patient.
    await regulator.goto(`${journey.base}/regulation/${firstId}`);
    await regulator.getByRole('link', { name: 'Voir le prêt' }).click();
    await regulator.waitForURL(`**/prets/${lent.id}`);
    await regulator.getByLabel('Motif', { exact: true }).first().fill('Console livrée et branchée');
    await regulator.getByRole('button', { name: 'Console arrivée' }).click();
    await regulator.getByText('Prêt mis à jour.').waitFor();
    await regulator.locator('h1').getByText('Chez l’emprunteur').waitFor();
    await regulator.getByLabel(/Disponible : prête pour un patient/).check();
    await regulator.getByRole('button', { name: 'Enregistrer le retour' }).click();
    await regulator.locator('h1').getByText('Rendu').waitFor();
    const history = regulator.getByRole('region', { name: 'Historique' });
    for (const step of ['Décision : prêt créé', 'Arrivée chez l’emprunteur', 'Matériel rendu'])
      await history.getByText(step).waitFor();
    await regulator.getByText('Console livrée et branchée').waitFor();
    await regulator.screenshot({ path: join(SHOTS, 'regulation-07-loan-returned.png'), fullPage: true });
    const boardBack = await journey.api<RegionalBoard>(regulator, '/api/boards/regions/84');
    const lender = boardBack.establishments.find((e) => e.finess === lent.lender.id);
    expect(lender?.consoles.available).toBeGreaterThanOrEqual(1);

    // The first request's timeline tells who did what, and the regional report counts it all.
    await regulator.goto(`${journey.base}/regulation/${firstId}`);
    const timeline = regulator.getByRole('region', { name: 'Chronologie' });
    for (const step of ['Demande déposée', 'Prise en charge régionale', 'Solution décidée'])
      await timeline.getByText(step).waitFor();
    await timeline.getByText('Centre le plus proche, garde une console en réserve').waitFor();
    await nav(regulator).getByRole('link', { name: 'Rapport de régulation' }).click();
    await regulator.getByRole('heading', { level: 1, name: 'Rapport de régulation' }).waitFor();
    const figure = (key: string) => regulator.locator(`[data-figure="${key}"] .reg-figure-value`);
    await expect.poll(() => figure('requests').textContent()).toBe('2');
    expect(await figure('escalations').textContent()).toBe('1');
    expect(await figure('loansLend').textContent()).toBe('1');
    expect(await figure('loansNational').textContent()).toBe('1');
    expect(await figure('decided').textContent()).toBe('2');
    // The report exports as the page shows it: same region and period, in the interface's language.
    const pdfHref = await regulator
      .getByRole('link', { name: 'Exporter le rapport de régulation au format PDF' })
      .getAttribute('href');
    expect(pdfHref).toMatch(
      /^\/api\/reports\/regulation\/export\?region=84&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&format=pdf&lang=fr$/,
    );
    const pdf = await regulator.request.get(`${journey.base}${pdfHref}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await regulator.screenshot({ path: join(SHOTS, 'regulation-08-report.png'), fullPage: true });

    expect(regulatorErrors).toEqual([]);
    expect(clinicianErrors).toEqual([]);
    expect(nationalErrors).toEqual([]);
  }, 120_000);

  it('lets the clinician withdraw a request, and refuses a second request for a live case', async () => {
    const clinician = await signedIn('clinician@demo.relais.fr');
    const errors = watchConsole(clinician, [{ status: 409, path: '/api/requests' }]);
    const id = await fileRequest(clinician, 'LYON-26-0003');
    await clinician.goto(`${journey.base}/regulation/nouvelle`);
    await clinician.getByLabel('Code du cas').fill('LYON-26-0003');
    await clinician.getByLabel('Tranche d’âge').selectOption('18-39');
    await clinician.getByLabel('Indication').selectOption('VA');
    await clinician.getByLabel('Urgence').selectOption('hours');
    await clinician.getByLabel(/Non : transfert/).check();
    await clinician.getByLabel('Téléphone').fill('04 72 11 89 00');
    await clinician.getByRole('button', { name: 'Déposer la demande' }).click();
    await clinician.getByText('Une demande est déjà en cours pour ce cas.').waitFor();
    await clinician.getByRole('link', { name: 'Ouvrir la demande en cours' }).click();
    await clinician.waitForURL(`**/regulation/${id}`);
    const withdraw = clinician.locator('details', { hasText: 'Retirer la demande' });
    await withdraw.locator('summary').click();
    await withdraw.getByLabel('Issue').selectOption('died_before');
    await clinician.getByRole('button', { name: 'Retirer la demande' }).click();
    await clinician.getByText('Demande clôturée.').waitFor();
    await clinician.locator('h1').getByText('Clôturée').waitFor();
    expect(errors).toEqual([]);
  }, 60_000);
});
