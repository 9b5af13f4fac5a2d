import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { lineChart } from './charts.ts';
import { PdfReport } from './document.ts';
import { winAnsi } from './text.ts';

async function pagesOf(payload: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(payload), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages;
}

describe('text for the standard fonts', () => {
  it('keeps French as it is and brings other text to the nearest it can show', () => {
    const french = 'Œuvre d’été : « ça coûte 1 500 € » — œdème, naïf, Ÿ…';
    expect(winAnsi(french)).toBe(french);
    expect(winAnsi('1\u202f500\u00a0€')).toBe('1\u00a0500\u00a0€');
    expect(winAnsi('Łódź −3')).toBe('Lódz -3');
    expect(winAnsi('ECMO 😀 Ω')).toBe('ECMO ? ?');
  });
});

describe('a PDF report', () => {
  it('breaks a long table across pages under its repeated header, numbers the pages and carries French text', async () => {
    const report = new PdfReport({ title: 'Liste d’essai', locale: 'fr', at: new Date('2026-12-01T13:05:00Z') });
    report.paragraph('Coût : 1 500 € ; œdème ; l’équipe « Réa ».');
    const rows = Array.from({ length: 120 }, (_, i) => [`Ligne ${i + 1}`, `Établissement n° ${i + 1}`, String(i)]);
    report.table(
      [{ header: 'Rang' }, { header: 'Établissement', weight: 3 }, { header: 'Valeur', align: 'right' }],
      rows,
      {
        caption: 'Tableau d’essai',
      },
    );
    const pages = await pagesOf(await report.finish());
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((text, i) => {
      expect(text).toContain('Relais — Liste d’essai');
      expect(text).toContain('Établi le 01/12/2026 14:05 (heure de Paris)');
      expect(text).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(text).toContain('Établissement');
    });
    const all = pages.join('\n');
    expect(all).toContain('Coût : 1 500 € ; œdème ; l’équipe « Réa ».');
    for (let i = 1; i <= 120; i++) expect(all).toContain(`Ligne ${i} `);
  });

  it('draws a line chart with its legend, breaking a line where a value is missing', async () => {
    const report = new PdfReport({
      title: 'Chart',
      subtitle: 'Test',
      locale: 'en',
      at: new Date('2026-07-01T10:00:00Z'),
    });
    lineChart(report.doc, report.box(260), {
      title: 'Consoles per week',
      categories: ['W1', 'W2', 'W3', 'W4'],
      yLabel: 'Count',
      locale: 'en',
      series: [
        { label: 'Available', color: '#1d5aa6', marker: 'circle', values: [3, null, 5, 8] },
        { label: 'In use', color: '#b35900', marker: 'square', dashed: true, values: [1, 2, 2, 0] },
      ],
    });
    const [page] = await pagesOf(await report.finish());
    for (const text of [
      'Consoles per week',
      'Available',
      'In use',
      'W1',
      'W4',
      'Written on 01/07/2026, 12:00 (Paris time)',
    ])
      expect(page).toContain(text);
  });
});
