/**
 * End-to-end journeys through the boards and the fleet register: the real server (in-process,
 * embedded database with demo data) and a real Chromium. Assumes `npm run build` produced dist/web.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { currentIsoWeek, shiftIsoWeek } from '../src/domain/time.ts';
import { loadConfig } from '../src/server/config.ts';
import { dueAtOf } from '../src/server/modules/census/census.service.ts';
import { describeJourney, SHOTS, watchConsole } from './support.ts';

describeJourney('boards and fleet (browser)', 'the boards journeys', (journey) => {
  async function signedIn(email: string, path: string): Promise<Page> {
    const page = await journey.newPage();
    await page.goto(`${journey.base}/connexion`);
    await journey.signIn(page, email);
    await page.waitForURL(`${journey.base}/`);
    if (path !== '/') await page.goto(`${journey.base}${path}`);
    return page;
  }

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

  it('shows the national regulator the map of the 18 regions, the table, trends and exports', async () => {
    const page = await signedIn('national-regulator@demo.relais.fr', '/');
    const consoleErrors = watchConsole(page, []);
    await nav(page).getByRole('link', { name: 'Tableau national' }).click();
    await page.waitForURL('**/tableau-national');
    await page.getByRole('heading', { level: 1, name: 'Tableau national' }).waitFor();
    await page.getByText('Démonstration :').waitFor();
    await page.getByText(/Actualisé à \d{2}:\d{2}/).waitFor();

    // The map: one link per region, each saying its tension and figures.
    const map = page.locator('svg.region-map');
    await map.waitFor();
    const regions = map.locator('a.map-region');
    await expect.poll(() => regions.count()).toBe(18);
    expect(await map.locator('.map-label').count()).toBe(18);
    const ara = map.getByRole('link', { name: /^Auvergne-Rhône-Alpes : Disponible, \d+ consoles disponibles/ });
    await ara.waitFor();
    // Overseas regions are drawn in their inset boxes.
    await map.getByRole('link', { name: /^La Réunion :/ }).waitFor();
    expect(await map.locator('.map-inset').count()).toBe(5);

    // The table of the regions (the accessible alternative), with the national totals.
    const table = page.getByRole('table', { name: /par région/ });
    expect(await table.locator('tbody tr').count()).toBe(18);
    const araRow = table.getByRole('row', { name: /Auvergne-Rhône-Alpes/ });
    await araRow.getByText('Disponible').waitFor();
    await araRow.getByText(/^\d+\/\d+$/).waitFor();
    await table.getByRole('rowheader', { name: 'France entière' }).waitFor();
    // Colour is never alone: the legend says each tension in words.
    const legend = page.locator('.map-legend');
    for (const word of ['Disponible', 'Tendu', 'Épuisé', 'Inconnu'])
      await legend.locator('li', { hasText: word }).waitFor();

    // Trend chart with its legend and a data table.
    await page.getByRole('img', { name: /Consoles et patients par semaine/ }).waitFor();
    await page.locator('.chart-legend').getByText('Consoles disponibles').waitFor();
    await page.getByText('Stock national — dépôt Lyon').waitFor();
    await page.screenshot({ path: join(SHOTS, 'boards-01-national.png'), fullPage: true });

    // Hovering a region shows its details beside the map.
    await ara.hover();
    await page.locator('.details-panel').getByRole('heading', { name: 'Auvergne-Rhône-Alpes' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'boards-02-national-hover.png') });

    // Another metric: the legend follows, and the choice is kept in the URL.
    await page.getByText('Pour 100 lits de réa.').click();
    await page.waitForURL(/carte=per100/);
    await legend.getByText('Sans donnée').waitFor();
    await page.locator('.map-panel').screenshot({ path: join(SHOTS, 'boards-03-national-per100.png') });

    // Exports are plain downloads of the same figures.
    const csvHref = await page
      .getByRole('link', { name: 'Exporter le tableau national au format CSV' })
      .getAttribute('href');
    // The links carry the interface language: the file speaks it whatever the browser's own language.
    expect(csvHref).toBe('/api/boards/national/export?format=csv&lang=fr');
    const csv = await page.request.get(`${journey.base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const xlsxHref = await page
      .getByRole('link', { name: 'Exporter le tableau national au format XLSX' })
      .getAttribute('href');
    expect((await page.request.get(`${journey.base}${xlsxHref}`)).status()).toBe(200);
    const pdfHref = await page
      .getByRole('link', { name: 'Exporter le tableau national au format PDF' })
      .getAttribute('href');
    const pdf = await page.request.get(`${journey.base}${pdfHref}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // From the keyboard: a region is focusable, shows its details, and Enter opens its board.
    await ara.focus();
    await page.locator('.details-panel').getByRole('heading', { name: 'Auvergne-Rhône-Alpes' }).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/tableau-regional/84');
    await page.getByRole('heading', { level: 1, name: 'Tableau régional — Auvergne-Rhône-Alpes' }).waitFor();
    // A national user may switch to any region.
    await page.getByLabel('Région', { exact: true }).selectOption({ label: 'Bretagne' });
    await page.waitForURL('**/tableau-regional/53');
    await page.getByRole('heading', { level: 1, name: 'Tableau régional — Bretagne' }).waitFor();

    expect(consoleErrors).toEqual([]);
  });

  it('opens the regional regulator’s own board, with census status and freshness', async () => {
    const page = await signedIn('regional-regulator@demo.relais.fr', '/');
    const consoleErrors = watchConsole(page, []);
    await expect.poll(() => nav(page).getByRole('link', { name: 'Tableau national' }).count()).toBe(0);
    await nav(page).getByRole('link', { name: 'Tableau régional' }).click();
    await page.waitForURL('**/tableau-regional/84');
    await page.getByRole('heading', { level: 1, name: 'Tableau régional — Auvergne-Rhône-Alpes' }).waitFor();
    const table = page.getByRole('table', { name: /attendus au recensement/ });
    const pradel = table.getByRole('row', { name: /HOPITAL LOUIS PRADEL/ });
    await pradel.waitFor();
    await pradel.getByText('Base UMAC').waitFor();
    // Each row says its census status in words and how fresh its figures are.
    expect(await table.locator('tbody .census-status').count()).toBe(await table.locator('tbody tr').count());
    // What the rows say follows the server's clock: before the week's due time a report not in is
    // pending, after it missing; the freshest reports are this week's or, early in the week, last week's.
    const now = journey.now();
    const week = currentIsoWeek(now);
    const pastDue = now.getTime() > dueAtOf(week, loadConfig({}, []).census).getTime();
    await table
      .getByText(pastDue ? 'Manquant' : 'En attente')
      .first()
      .waitFor();
    await table
      .getByText(new RegExp(`^S(${Number(week.slice(-2))}|${Number(shiftIsoWeek(week, -1).slice(-2))}) v\\d+ · il y a`))
      .first()
      .waitFor();
    await table.locator('tbody .stale-marker').first().waitFor();
    await page.getByText(/^Registre des consoles mis à jour/).waitFor();
    await page.getByText(/unités? périmées? en stock/).waitFor();
    await page.getByText('Stock national — dépôt Lyon').waitFor();
    // One region only: no selector.
    expect(await page.getByLabel('Région', { exact: true }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'boards-04-regional.png'), fullPage: true });

    // The page never scrolls sideways, at a laptop's width or a phone's: the navigation wraps.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }

    // Printed: no navigation, buttons or export links, and the table fits an A4 landscape page
    // (277 mm inside the margins: 1047 CSS pixels).
    await page.setViewportSize({ width: 1047, height: 740 });
    await page.emulateMedia({ media: 'print' });
    expect(await nav(page).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: /au format CSV/ }).isVisible()).toBe(false);
    // A sortable header keeps its name.
    expect(await table.getByRole('button', { name: /Établissement/ }).isVisible()).toBe(true);
    expect(await page.locator('main .button:visible').count()).toBe(0);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      table: document.querySelector('main table')?.getBoundingClientRect().right ?? 0,
    }));
    expect(widths.page).toBeLessThanOrEqual(1047);
    expect(widths.table).toBeLessThanOrEqual(1047);
    await page.pdf({ path: join(SHOTS, 'boards-05-regional-print.pdf'), printBackground: true });
    await page.emulateMedia({ media: 'screen' });

    // Sorting by name, from the column header.
    await table.getByRole('button', { name: /Établissement/ }).click();
    await expect.poll(() => table.locator('thead th[aria-sort="ascending"]').count()).toBe(1);

    // The national board is not for a regional regulator.
    await page.goto(`${journey.base}/tableau-national`);
    await page.getByRole('heading', { level: 1, name: 'Accès non autorisé' }).waitFor();

    expect(consoleErrors).toEqual([]);
  });

  it('lets the perfusionist put one of her consoles in maintenance, with a reason, seen in the history', async () => {
    const page = await signedIn('perfusionist@demo.relais.fr', '/');
    const consoleErrors = watchConsole(page, [{ status: 409, path: /^\/api\/devices\/[0-9a-f-]+$/ }]);
    await nav(page).getByRole('link', { name: 'Consoles' }).click();
    await page.waitForURL('**/consoles');
    await page.getByRole('heading', { level: 1, name: 'Consoles' }).waitFor();
    const table = page.getByRole('table', { name: /consoles ECMO/i });
    await table
      .getByRole('row', { name: /HOPITAL LOUIS PRADEL/ })
      .first()
      .waitFor();
    await page.getByRole('button', { name: /Disponible \d+/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'boards-05-consoles.png') });

    // The chip filters by status, in the URL.
    await page.getByRole('button', { name: /^Disponible \d+$/ }).click();
    await page.waitForURL(/status=available/);
    const row = table.locator('tbody tr').first();
    await row.getByText('Disponible').waitFor();
    const serial = (await row.getByRole('link').textContent()) ?? '';
    expect(serial).toMatch(/\S/);
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Console ${serial}`) }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';

    // The reason is required, said next to the field.
    await page.getByLabel('Nouveau statut').selectOption({ label: 'En maintenance' });
    await page.getByRole('button', { name: 'Enregistrer le changement' }).click();
    await page.locator('#device-status-reason-error').waitFor();

    // Someone else changes the console meanwhile: the stale version is refused and the record reloaded.
    const me = await (await page.request.get(`${journey.base}/api/auth/me`)).json();
    const current = await (await page.request.get(`${journey.base}/api/devices/${id}`)).json();
    const other = await page.request.patch(`${journey.base}/api/devices/${id}`, {
      headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      data: { version: current.version, model: `${current.model}`, udi: null, reason: 'UDI retiré (test)' },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel('Motif').fill('Contrôle annuel du moteur');
    await page.getByRole('button', { name: 'Enregistrer le changement' }).click();
    await page.getByText(/a été modifiée par quelqu’un d’autre/).waitFor();
    await page.getByText(`Modification sur la version ${current.version + 1} de la fiche.`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'boards-06-console-conflict.png'), fullPage: true });

    // Saved on the fresh version: status, message, history.
    await page.getByRole('button', { name: 'Enregistrer le changement' }).click();
    await page.getByText(/^Changement enregistré : En maintenance/).waitFor();
    await page.getByRole('heading', { level: 1 }).getByText('En maintenance').waitFor();
    const history = page.locator('ol.timeline');
    const event = history.locator('li').first();
    await event.getByText('« Contrôle annuel du moteur »').waitFor();
    await event.getByText('perfusionist@demo.relais.fr').waitFor();
    await event.locator('.device-status', { hasText: 'En maintenance' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'boards-07-console-maintenance.png'), fullPage: true });

    // Back in the list, the chip counts follow.
    await page.getByRole('link', { name: 'Retour aux consoles' }).click();
    await page.getByRole('button', { name: /^En maintenance [1-9]\d*$/ }).waitFor();

    expect(consoleErrors).toEqual([]);
  });

  it('lets the perfusionist receive consumables, and refuses an expired lot', async () => {
    const page = await signedIn('perfusionist@demo.relais.fr', '/consommables');
    const consoleErrors = watchConsole(page, []);
    await page.getByRole('heading', { level: 1, name: 'Consommables' }).waitFor();
    await page.getByText('Circuits disponibles').waitFor();
    const table = page.getByRole('table', { name: /Lots en stock/ });
    await table.locator('tbody tr').first().waitFor();

    await page.getByRole('button', { name: 'Entrée ou sortie de stock' }).click();
    const form = page.locator('#stock-adjust');
    await expect.poll(() => form.getByLabel('FINESS de l’établissement').inputValue()).toBe('690784186');
    await form.getByLabel('Produit').fill('PLS Set Quadrox-i');
    await form.getByLabel('Numéro de lot').fill('E2E-LOT-1');
    await form.getByLabel('Date de péremption').fill('2020-01-31');
    await form.getByLabel('Nombre d’unités').fill('4');
    await form.getByLabel('Motif').fill('Livraison fournisseur');
    await form.getByRole('button', { name: 'Enregistrer le mouvement' }).click();
    await page.getByText('Ce lot est périmé : il ne peut pas être reçu comme disponible').waitFor();

    await form.getByLabel('Date de péremption').fill('2030-06-30');
    await form.getByRole('button', { name: 'Enregistrer le mouvement' }).click();
    await page
      .getByText('Lot E2E-LOT-1 (HOPITAL LOUIS PRADEL - HOSPICES CIVILS DE LYON) : 4 unités reçues ; 4 en stock.')
      .waitFor();
    await table.getByRole('rowheader', { name: 'E2E-LOT-1' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'boards-08-stock.png'), fullPage: true });

    expect(consoleErrors).toEqual([]);
  });
});
