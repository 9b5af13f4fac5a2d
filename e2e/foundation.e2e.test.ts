/**
 * End-to-end journey through the web shell: the real server (in-process, embedded database with
 * demo data) and a real Chromium. Assumes `npm run build` produced dist/web.
 */

import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkFiness } from '../src/domain/identifiers.ts';
import { describeJourney, SHOTS, watchConsole } from './support.ts';

describeJourney('web foundation (browser)', 'the foundation journey', (journey) => {
  it('signs in, searches establishments, reads one, switches to English, signs out', async () => {
    const page = await journey.newPage();
    const consoleErrors = watchConsole(page, [
      { status: 401, path: '/api/auth/me' },
      { status: 401, path: '/api/auth/login' },
    ]);

    // Signed out: the French sign-in page.
    await page.goto(`${journey.base}/`);
    await page.waitForURL('**/connexion');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'foundation-01-sign-in.png') });

    // A wrong password is said plainly.
    await page.getByLabel('Adresse e-mail').fill('regional-regulator@demo.relais.fr');
    await page.getByLabel('Mot de passe').fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();

    await journey.signIn(page, 'regional-regulator@demo.relais.fr');
    await page.waitForURL(`${journey.base}/`);
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Établissements' }).waitFor();
    await nav.getByRole('link', { name: 'Utilisateurs' }).waitFor();
    const header = page.getByRole('banner');
    await header.getByText('Alex Régulation ARA').waitFor();
    await header.getByText('Régulateur régional').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Bonjour, Alex Régulation ARA' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'foundation-02-home.png') });

    // Establishments: region filter and search, both reflected in the URL.
    await nav.getByRole('link', { name: 'Établissements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Établissements' }).waitFor();
    await page.getByRole('table').getByRole('row').nth(1).waitFor();
    await page
      .getByRole('navigation', { name: 'Pagination' })
      .getByText(/^1–50 sur /)
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'foundation-03-establishments.png') });

    await page.getByLabel('Région').selectOption({ label: 'Auvergne-Rhône-Alpes' });
    await page.waitForURL(/region=84/);
    await page.getByLabel('Nom, commune ou FINESS').fill('pradel');
    await page.waitForURL(/q=pradel/);
    const link = page.getByRole('table').getByRole('link', { name: /Louis Pradel/i });
    await link.waitFor();
    expect(await page.getByRole('table').getByRole('row').count()).toBeLessThan(5);
    await page.screenshot({ path: join(SHOTS, 'foundation-04-search.png') });

    await link.click();
    await page.waitForURL('**/etablissements/690784186');
    await page.getByRole('heading', { level: 1, name: /Louis Pradel/i }).waitFor();
    const record = page.locator('dl.record');
    await record.getByText('690784186').waitFor();
    await record.getByText('BRON').first().waitFor();
    await record.getByText('Rhône').first().waitFor();
    await record.getByText('Public').waitFor();
    await page.screenshot({ path: join(SHOTS, 'foundation-05-establishment.png') });

    // English, remembered in localStorage, <html lang> follows.
    await page.getByRole('button', { name: 'English' }).click();
    const navEn = page.getByRole('navigation', { name: 'Main navigation' });
    await navEn.getByRole('link', { name: 'Establishments' }).waitFor();
    await navEn.getByRole('link', { name: 'Users' }).waitFor();
    await page.getByRole('banner').getByText('Regional regulator').waitFor();
    await record.getByText('FINESS number').waitFor();
    await page.getByRole('link', { name: 'Back to the list' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('relais.language'))).toBe('en');
    await page.screenshot({ path: join(SHOTS, 'foundation-06-english.png') });

    // Back to the filtered list, in English.
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page.waitForURL(/region=84/);
    expect(await page.getByLabel('Name, town or FINESS').inputValue()).toBe('pradel');
    await page.getByRole('table').getByRole('columnheader', { name: 'Town' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/connexion');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    // The session is gone on the server too.
    const me = await page.request.get(`${journey.base}/api/auth/me`);
    expect(me.status()).toBe(401);

    expect(consoleErrors).toEqual([]);
  });

  it('lets an administrator register an establishment, with the FINESS checked as typed', async () => {
    const fresh = '690999909'; // valid Luhn key, not in the FINESS extract
    expect(checkFiness(fresh).ok).toBe(true);
    expect(checkFiness('690784187').ok).toBe(false);

    const page = await journey.newPage();
    const consoleErrors = watchConsole(page, [
      { status: 401, path: '/api/auth/me' },
      { status: 409, path: '/api/establishments' },
    ]);
    // Sent to sign in, then back where the sign-in started.
    await journey.signInAt(page, '/etablissements', 'admin@demo.relais.fr');
    await page.getByRole('link', { name: 'Nouvel établissement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvel établissement' }).waitFor();

    const finess = page.getByLabel('Numéro FINESS');
    await finess.fill('690784187');
    await page.getByLabel('Nom', { exact: true }).fill('Centre de test ECMO');
    await page.getByLabel('Catégorie').selectOption('355');
    await page.getByLabel('Secteur').selectOption('public');
    await page.getByLabel('Adresse (voie)').fill('1 rue des Essais');
    await page.getByLabel('Code postal').fill('69003');
    await page.getByLabel('Commune').fill('Lyon');
    await page.getByLabel('Téléphone').fill('04 72 00 00 00');

    // The check digit is refused next to the field, in French, before anything is sent.
    const finessError = page.locator('#new-establishment-finess-error');
    await finessError.getByText('La clé de contrôle de ce numéro FINESS est fausse : vérifiez la saisie.').waitFor();
    expect(await finess.getAttribute('aria-invalid')).toBe('true');
    expect(await finess.getAttribute('aria-describedby')).toContain('new-establishment-finess-error');
    await page.getByRole('button', { name: 'Enregistrer l’établissement' }).click();
    await page.getByText('Le formulaire contient des erreurs : corrigez les champs signalés.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-establishment-finess');
    await page.screenshot({ path: join(SHOTS, 'foundation-07-finess-error.png') });

    // An existing FINESS passes the check but the server refuses it: its message shows by the field.
    await finess.fill('690784186');
    await expect.poll(() => finessError.count()).toBe(0);
    await page.getByRole('button', { name: 'Enregistrer l’établissement' }).click();
    await finessError.getByText('Ce FINESS existe déjà').waitFor();

    // Fixed: registered, and its page shows.
    await finess.fill(fresh);
    await expect.poll(() => finessError.count()).toBe(0);
    await page.getByRole('button', { name: 'Enregistrer l’établissement' }).click();
    await page.waitForURL(`**/etablissements/${fresh}`);
    await page.getByRole('heading', { level: 1, name: 'Centre de test ECMO' }).waitFor();
    await page.getByText('L’établissement a été enregistré.').waitFor();
    const record = page.locator('dl.record');
    await record.getByText('69 — Rhône').waitFor();
    await record.getByText('Auvergne-Rhône-Alpes').waitFor();
    await record.getByText('69003 Lyon').waitFor();
    await page.screenshot({ path: join(SHOTS, 'foundation-08-created.png') });

    // It is found by the search.
    await page.getByRole('link', { name: 'Retour à la liste' }).click();
    await page.getByLabel('Nom, commune ou FINESS').fill(fresh);
    await page.getByRole('table').getByRole('link', { name: 'Centre de test ECMO' }).waitFor();

    expect(consoleErrors).toEqual([]);
  });

  it('lets an administrator create a perfusionist account and shows the RPPS warning', async () => {
    const page = await journey.newPage();
    const consoleErrors = watchConsole(page, [
      { status: 401, path: '/api/auth/me' },
      { status: 400, path: '/api/users' },
    ]);
    await page.goto(`${journey.base}/connexion`);
    await journey.signIn(page, 'admin@demo.relais.fr');
    await page.waitForURL(`${journey.base}/`);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Utilisateurs' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    const table = page.getByRole('table', { name: 'Comptes utilisateurs' });
    await table.getByRole('rowheader', { name: 'Alex Régulation ARA' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'foundation-09-users.png') });

    await page.getByRole('link', { name: 'Nouvel utilisateur' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvel utilisateur' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill('perfusion.test@chu-lyon.fr');
    await page.getByLabel('Nom affiché').fill('Sam Perfusion Test');
    const password = page.getByLabel('Mot de passe initial');
    await password.fill('court');
    await password.blur();
    await page.getByText('Un mot de passe compte au moins 10 caractères.').waitFor();
    // Long enough but common: the server refuses it and says why, under the field.
    await password.fill('password12');
    await page.getByLabel('Numéro RPPS').fill('10000001917');
    await page.getByLabel('Rôle', { exact: true }).selectOption({ label: 'Perfusionniste' });
    await page.getByLabel('FINESS de l’établissement').fill('690784186');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText(/Ce mot de passe est trop facile à deviner\. .*couramment utilisé/).waitFor();
    await password.fill('un-mot-de-passe-solide');
    await page.screenshot({ path: join(SHOTS, 'foundation-10-new-user.png') });
    await page.getByRole('button', { name: 'Créer le compte' }).click();

    await page.getByText('Le compte de Sam Perfusion Test a été créé.').waitFor();
    await page
      .getByText('La clé de contrôle de ce numéro RPPS est fausse ; il a été enregistré, vérifiez-le.')
      .waitFor();
    await page.screenshot({ path: join(SHOTS, 'foundation-11-user-created.png') });

    await page.getByRole('link', { name: 'Voir les utilisateurs' }).click();
    await page.getByLabel('Nom ou adresse e-mail').fill('perfusion.test');
    const row = table.getByRole('row', { name: /Sam Perfusion Test/ });
    await row.getByText('Perfusionniste').waitFor();
    await row.getByText(/LOUIS PRADEL/).waitFor();

    expect(consoleErrors).toEqual([]);
  });
});
