/** Text files as office software saves them, for the import tests: Windows-1252, UTF-16, with or without BOM. */

/** The characters of Windows-1252 outside Latin-1 (bytes 0x80–0x9F). */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

/** `text` in Windows-1252, as French Excel saves "CSV (séparateur : point-virgule)". */
export function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const high = CP1252_HIGH[ch];
      if (high !== undefined) return high;
      const code = ch.codePointAt(0) ?? 0;
      if (code > 0xff || (code >= 0x80 && code <= 0x9f)) throw new Error(`${ch} has no Windows-1252 byte`);
      return code;
    }),
  );
}

export const utf8 = (text: string, bom: boolean): Buffer =>
  Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

export function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return Buffer.concat([bom ? Buffer.from(mark) : Buffer.alloc(0), bytes]);
}
