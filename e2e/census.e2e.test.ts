/**
 * End-to-end journey of the weekly census: a hospital user fills this week's census (prefilled
 * from last week), meets the server's register check, submits and corrects it; the regional
 * regulator sees the campaign change, reminds the missing and imports a mixed good/bad CSV; the
 * administrator reads the reminder in the outbox. Real server (in-process, embedded database with
 * demo data) and a real Chromium. Assumes `npm run build` produced dist/web.
 */

import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeJourney, SHOTS, watchConsole } from './support.ts';

const PRADEL = '690784186';

interface Counts {
  consoles: {
    available: number;
    inUse: number;
    maintenance: number;
    lent: number;
    outOfService: number;
    inTransit: number;
  };
  circuits: number;
  cannulas: number;
  patients: { vv: number; va: number };
  teams: number;
}

interface CampaignEstablishment {
  finess: string;
  name: string;
  status: string;
  report: (Counts & { version: number }) | null;
  previous: (Counts & { week: string }) | null;
}

describeJourney('weekly census (browser)', 'the census journey', (journey) => {
  it('a hospital user fills and corrects the census; the regulator follows, reminds and imports a mixed file', async () => {
    // ── The regional regulator opens the campaign and reminds those who have not answered ──────
    const reg = await journey.newPage();
    const regErrors = watchConsole(reg, [{ status: 401, path: '/api/auth/me' }]);
    await journey.signInAt(reg, '/recensement', 'regional-regulator@demo.relais.fr');
    const { current: week } = await journey.api<{ current: string }>(reg, '/api/census/campaigns?weeks=1');
    await reg.getByRole('heading', { level: 1, name: `Recensement de la semaine ${week}` }).waitFor();
    const campaign = await journey.api<{ establishments: CampaignEstablishment[] }>(
      reg,
      `/api/census/campaigns/${week}?region=84`,
    );
    const unanswered = campaign.establishments.filter((e) => e.report === null);
    // The demo leaves Louis Pradel and at least one other centre of region 84 without a report this week.
    expect(unanswered.map((e) => e.finess)).toContain(PRADEL);
    const target = unanswered.find((e) => e.finess !== PRADEL);
    if (!target) throw new Error('the demo should leave another centre of region 84 without a report');
    const others = campaign.establishments.filter((e) => e.report !== null).map((e) => e.finess);
    expect(others.length).toBeGreaterThanOrEqual(2);

    const list = reg.getByRole('table', { name: /Centres ECMO attendus/ });
    const rowOf = (finess: string) => list.getByRole('row', { name: new RegExp(finess) });
    // The missing come first, in red.
    const firstRow = list.getByRole('row').nth(1);
    await firstRow
      .locator('.census-status')
      .getByText(/(manquant|en attente)$/)
      .waitFor();
    expect(await firstRow.getAttribute('class')).toMatch(/census-row-(missing|pending)/);
    await rowOf(PRADEL)
      .locator('.census-status')
      .getByText(/(manquant|en attente)$/)
      .waitFor();
    await rowOf(PRADEL).getByText('non reçu').waitFor();
    await reg
      .getByRole('table', { name: /Réponses reçues par région/ })
      .getByText('Auvergne-Rhône-Alpes')
      .waitFor();
    await reg.screenshot({ path: join(SHOTS, 'census-01-campaign-before.png'), fullPage: true });

    await reg.getByRole('button', { name: 'Relancer les manquants' }).click();
    const dialog = reg.getByRole('dialog', { name: 'Relancer les établissements qui n’ont pas répondu ?' });
    await dialog.getByText(/LOUIS PRADEL/).waitFor();
    await dialog.getByText(target.name).waitFor();
    await reg.screenshot({ path: join(SHOTS, 'census-02-remind-confirm.png') });
    await dialog.getByRole('button', { name: 'Envoyer la relance' }).click();
    await reg
      .getByText(
        new RegExp(`Relance envoyée à ${unanswered.length} établissements : \\d+ courriels? mis en file d’envoi\\.`),
      )
      .waitFor();
    await rowOf(PRADEL).locator('td').nth(5).locator('time').waitFor();

    // ── The clinician of Louis Pradel fills this week's census ───────────────────────────────────
    const page = await journey.newPage();
    const consoleErrors = watchConsole(page, [
      { status: 401, path: '/api/auth/me' },
      { status: 400, path: '/api/census/reports' },
    ]);
    await journey.signInAt(page, '/recensement', 'clinician@demo.relais.fr');

    const register = (await journey.api<{ total: number }>(page, `/api/devices?finess=${PRADEL}`)).total;
    expect(register).toBeGreaterThanOrEqual(2);
    const previous = campaign.establishments.find((e) => e.finess === PRADEL)?.previous;
    if (!previous) throw new Error('the demo should hold an earlier report of Louis Pradel');

    await page.getByRole('heading', { level: 1, name: `Recensement de la semaine ${week}` }).waitFor();
    const card = page.getByRole('article', { name: /LOUIS PRADEL/ });
    await card
      .locator('.census-card-header .census-status')
      .getByText(/(manquant|en attente)$/)
      .waitFor();
    await card.getByText(/échéance dépassée de|il reste/).waitFor();
    await card.getByText('Relancé le').waitFor();

    // Prefilled from last week.
    await card.getByText(`Prérempli avec votre recensement de la semaine ${previous.week}`, { exact: false }).waitFor();
    const field = (label: string) => card.getByLabel(label, { exact: true });
    expect(await field('Disponibles').inputValue()).toBe(String(previous.consoles.available));
    expect(await field('En service').inputValue()).toBe(String(previous.consoles.inUse));
    expect(await field('Circuits').inputValue()).toBe(String(previous.circuits));
    expect(await field('Patients VV').inputValue()).toBe(String(previous.patients.vv));
    await page.screenshot({ path: join(SHOTS, 'census-03-prefilled.png'), fullPage: true });

    // Validation as you type, in plain French.
    await field('Circuits').fill('-1');
    await field('Circuits').blur();
    await card.getByText('Un nombre ne peut pas être négatif : saisissez 0 ou plus.').waitFor();
    await field('Circuits').fill('7');
    await expect.poll(() => card.getByText('Un nombre ne peut pas être négatif').count()).toBe(0);

    // Figures whose total disagrees with the register: the server says so, naming both numbers.
    const inUse = 2;
    const wrongTotal = register + 1;
    await field('Disponibles').fill(String(wrongTotal - inUse));
    await field('En service').fill(String(inUse));
    for (const label of ['En maintenance', 'Prêtées', 'Hors service', 'En transit']) await field(label).fill('0');
    await field('Patients VV').fill('0');
    await field('Patients VA').fill('2');
    await card.locator('output').first().getByText(String(wrongTotal)).waitFor();
    await card.getByRole('button', { name: 'Envoyer le recensement' }).click();
    const totalError = `${wrongTotal} consoles déclarées au total, le registre en compte ${register}`;
    await card.getByText(totalError, { exact: false }).waitFor();
    await card.getByText('Le formulaire contient des erreurs : corrigez les champs signalés.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'census-04-register-error.png'), fullPage: true });

    // Fixed: the total matches the register.
    await field('Disponibles').fill(String(register - inUse));
    await expect.poll(() => card.getByText(totalError, { exact: false }).count()).toBe(0);
    await card.getByRole('button', { name: 'Envoyer le recensement' }).click();
    await card.getByText(`Recensement de la semaine ${week} enregistré : version 1.`).waitFor();
    await card
      .locator('.census-card-header .census-status')
      .getByText(/(à temps|en retard)$/)
      .waitFor();
    const history = card.getByRole('table', { name: /Versions des recensements/ });
    await history.getByRole('row', { name: new RegExp(`${week} version 1 \\(en vigueur\\)`) }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'census-05-submitted.png'), fullPage: true });

    // A correction asks for its reason and creates version 2; version 1 stays in the history.
    await card.getByRole('button', { name: 'Corriger' }).click();
    await card.getByText('Prérempli avec la version 1 enregistrée', { exact: false }).waitFor();
    expect(await field('Patients VA').inputValue()).toBe('2');
    await field('Patients VV').fill('1');
    await field('Patients VA').fill('1');
    await card.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await card.getByText('Indiquez le motif de la correction (3 caractères au moins).').waitFor();
    await field('Motif de la correction').fill('Un patient VA est passé en VV');
    await card.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await card.getByText(`Recensement de la semaine ${week} enregistré : version 2.`).waitFor();
    await history.getByRole('row', { name: new RegExp(`${week} version 2 \\(en vigueur\\)`) }).waitFor();
    await history.getByRole('row', { name: new RegExp(`${week} version 1 \\(remplacée\\)`) }).waitFor();
    await history.getByText('Un patient VA est passé en VV').waitFor();
    await page.screenshot({ path: join(SHOTS, 'census-06-corrected.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);

    // ── Back to the regulator: the campaign and the regional board follow ───────────────────────
    const board = await journey.api<{
      establishments: { finess: string; patients: { vv: number; va: number }; census: { status: string } }[];
    }>(reg, '/api/boards/regions/84');
    const onBoard = board.establishments.find((e) => e.finess === PRADEL);
    expect(onBoard?.patients).toEqual({ vv: 1, va: 1 });
    expect(['on_time', 'late']).toContain(onBoard?.census.status);

    await reg.getByRole('button', { name: 'Actualiser' }).click();
    await rowOf(PRADEL)
      .locator('.census-status')
      .getByText(/(à temps|en retard)$/)
      .waitFor();
    await rowOf(PRADEL).getByText('VV 1 · VA 1').waitFor();
    await rowOf(PRADEL).getByText('version 2').waitFor();
    await reg.screenshot({ path: join(SHOTS, 'census-07-campaign-after.png'), fullPage: true });

    // The regional board page shows the new figures at once.
    await reg.goto(`${journey.base}/tableau-regional/84`);
    const boardRow = reg.getByRole('row').filter({ hasText: 'HOPITAL LOUIS PRADEL' });
    await boardRow
      .getByText(/(à temps|en retard)/)
      .first()
      .waitFor();
    const cells = await boardRow.getByRole('cell').allInnerTexts();
    expect(cells.filter((c) => c.trim() === '1').length).toBeGreaterThanOrEqual(2);
    await reg.screenshot({ path: join(SHOTS, 'census-07b-regional-board.png'), fullPage: true });
    await reg.goto(`${journey.base}/recensement`);

    // A mixed file: one valid row (the other unanswered centre, its register's figures), a negative count, a formula.
    const devices = await journey.api<{
      byStatus: Record<'available' | 'in_use' | 'maintenance' | 'lent' | 'out_of_service' | 'in_transit', number>;
    }>(reg, `/api/devices?finess=${target.finess}`);
    const s = devices.byStatus;
    const header =
      'semaine;finess;etablissement;consoles_disponibles;consoles_en_service;consoles_maintenance;consoles_pretees;consoles_hors_service;consoles_en_transit;circuits;canules;patients_vv;patients_va;equipes;commentaire;motif_correction';
    const csv = [
      header,
      `${week};${target.finess};${target.name};${s.available};${s.in_use};${s.maintenance};${s.lent};${s.out_of_service};${s.in_transit};4;10;0;0;1;Reçu par téléphone;`,
      `${week};${others[0]};X;1;0;0;0;0;0;3;-2;0;0;1;;`,
      `${week};${others[1]};X;1;0;0;0;0;0;=1+1;5;0;0;1;;`,
    ].join('\r\n');

    await reg.getByRole('link', { name: 'Importer un fichier' }).click();
    await reg.waitForURL('**/recensement/import');
    await reg.getByRole('heading', { level: 1, name: 'Importer un recensement (CSV ou XLSX)' }).waitFor();
    await reg.getByRole('link', { name: 'Modèle Excel (XLSX)' }).waitFor();
    expect(await reg.getByRole('link', { name: 'Modèle CSV' }).getAttribute('href')).toContain('format=csv');
    // Long work can be cancelled: a big file over a slow link, cancelled while it is sent.
    const cdp = await reg.context().newCDPSession(reg);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 50,
      downloadThroughput: -1,
      uploadThroughput: 20_000,
    });
    const bigRow = `${week};${target.finess};${'X'.repeat(150)};1;0;0;0;0;0;1;1;0;0;1;;`;
    await reg.getByLabel('Fichier de recensement').setInputFiles({
      name: 'gros-fichier.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...Array.from({ length: 1500 }, () => bigRow)].join('\r\n'), 'utf8'),
    });
    await reg.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await reg.getByRole('progressbar', { name: 'Progression' }).waitFor();
    await reg.getByText(/Envoi de gros-fichier\.csv : \d+ %/).waitFor();
    await reg.screenshot({ path: join(SHOTS, 'census-08a-import-progress.png') });
    await reg.getByRole('button', { name: 'Annuler' }).click();
    await reg.getByText('Vérification annulée : rien n’a été enregistré.').waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await reg.getByLabel('Fichier de recensement').setInputFiles({
      name: 'recensement-mixte.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8'),
    });
    await reg.getByRole('button', { name: 'Vérifier le fichier' }).click();
    const report = reg.getByRole('table', { name: 'Contrôle de recensement-mixte.csv' });
    await report.waitFor();
    await reg.getByText('3 lignes lues : 1 valide, 2 refusées.').waitFor();
    await report
      .getByRole('row', { name: new RegExp(`^2 ${target.finess}`) })
      .getByText('valide')
      .waitFor();
    const negative = report.getByRole('row', { name: new RegExp(`^3 ${others[0]}`) });
    await negative.getByText('refusée').waitFor();
    await negative.getByText('Colonne « canules » : Nombre entier positif attendu, reçu « -2 ».').waitFor();
    const formula = report.getByRole('row', { name: new RegExp(`^4 ${others[1]}`) });
    await formula.getByText('Colonne « circuits » : Formule ou script refusé', { exact: false }).waitFor();
    expect(await reg.getByRole('button', { name: 'Tout importer' }).isDisabled()).toBe(true);
    await reg.screenshot({ path: join(SHOTS, 'census-08-import-report.png'), fullPage: true });

    await reg.getByRole('button', { name: /^Importer seulement la ligne valide$/ }).click();
    await reg.getByText('1 ligne enregistrée.').waitFor();
    await reg.getByText('2 lignes refusées n’ont pas été enregistrées.').waitFor();
    await report
      .getByRole('row', { name: new RegExp(`^2 ${target.finess}`) })
      .getByText('enregistrée')
      .waitFor();
    await reg.screenshot({ path: join(SHOTS, 'census-09-imported.png'), fullPage: true });

    // Back to the campaign: the imported centre has answered.
    await reg.getByRole('link', { name: `Voir la campagne de la semaine ${week}` }).click();
    await rowOf(target.finess)
      .locator('.census-status')
      .getByText(/(à temps|en retard)$/)
      .waitFor();
    expect(regErrors).toEqual([]);

    // ── The administrator reads the reminder in the development outbox ─────────────────────────
    const admin = await journey.newPage();
    const adminErrors = watchConsole(admin, [{ status: 401, path: '/api/auth/me' }]);
    await journey.signInAt(admin, '/courriels', 'admin@demo.relais.fr');
    await admin.getByRole('heading', { level: 1, name: 'Courriels' }).waitFor();
    const outbox = admin.getByRole('table', { name: /Courriels, du plus récent/ });
    const mail = outbox.getByRole('row', { name: /clinician@demo\.relais\.fr/ });
    await mail.getByText(`recensement ECMO ${week} attendu pour`, { exact: false }).click();
    await mail.getByText('Relance envoyée par Alex Régulation ARA.', { exact: false }).waitFor();
    await admin.screenshot({ path: join(SHOTS, 'census-10-outbox.png'), fullPage: true });
    expect(adminErrors).toEqual([]);
  });
});
