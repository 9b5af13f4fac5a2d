/**
 * Text for the PDF's standard fonts (Helvetica), which are WinAnsi encoded: Latin-1 plus € œ Œ ’ “ ” – —
 * … and a few more, which covers French. Anything else is brought to the nearest WinAnsi text (narrow
 * spaces to spaces, letters stripped of marks they cannot carry) or shown as `?`, never as a wrong glyph.
 */

/** The characters of Windows-1252 above 0x7F that are not Latin-1. */
const CP1252_EXTRAS = new Set(
  [
    0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d, 0x2018,
    0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
  ].map((c) => String.fromCodePoint(c)),
);

const SUBSTITUTES: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space (French number grouping, before ; : ! ?)
  '\u2009': ' ',
  '\u2007': '\u00a0',
  '\u2212': '-', // minus sign
  '\u2010': '-',
  '\u2011': '-',
  '\u2032': '’',
  '\u00ad': '',
  '\t': ' ',
  // Letters with a stroke have no decomposition.
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
};

const printable = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(ch) || ch === '\n';
};

/** The text as the standard fonts can show it. */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    if (printable(ch)) {
      out += ch;
      continue;
    }
    const substitute = SUBSTITUTES[ch];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
    out += bare && [...bare].every(printable) ? bare : '?';
  }
  return out;
}
