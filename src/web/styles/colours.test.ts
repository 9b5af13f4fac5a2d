/**
 * Colours come only from the tokens (styles/tokens.css): a raw colour anywhere else in the web's CSS,
 * or in its TypeScript (an SVG fill, a style), fails here with its file and line. Read a token instead:
 * `var(--tension-strained)` works in a rule and as an SVG presentation attribute alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = join(import.meta.dirname, '..');
const TOKENS = join(import.meta.dirname, 'tokens.css');

/** The CSS named colours (CSS Color 4), lower case; `transparent` and `currentColor` are not colours of their own. */
const NAMED = new Set(
  `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
  cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray
  darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
  darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
  firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
  hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
  lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
  lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
  mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
  midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
  palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
  rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
  slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
  whitesmoke yellow yellowgreen`.split(/\s+/),
);
const HEX = /#[0-9a-f]{3,8}\b/gi;
const FUNCTION = /\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi;

/** Raw colours in one CSS declaration value (custom property names, urls and strings set aside). */
function coloursInCssValue(value: string): string[] {
  const bare = value
    .replace(/var\(\s*--[\w-]+/g, 'var(')
    .replace(/url\([^)]*\)/g, '')
    .replace(/(["'])(?:\\.|(?!\1).)*\1/g, '');
  const words = (bare.match(/(?<![\w-])[a-z]+(?![\w-])/gi) ?? []).filter((w) => NAMED.has(w.toLowerCase()));
  return [...(bare.match(HEX) ?? []), ...(bare.match(FUNCTION) ?? []), ...words];
}

/** Raw colours in a CSS file: `line: colour` for each, declarations only (a selector's `#id` is no colour). */
function coloursInCss(css: string): string[] {
  const found: string[] = [];
  // Comments become blanks of the same lines, so that line numbers stay right.
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  for (const m of text.matchAll(/([-\w]+)\s*:\s*([^;{}]+)(?=[;}])/g)) {
    const line = text.slice(0, m.index).split('\n').length;
    for (const colour of coloursInCssValue(m[2] ?? '')) found.push(`${line}: ${colour}`);
  }
  return found;
}

/** Raw colours in TypeScript: a quoted hex, a colour function, or a named colour given to an SVG paint attribute. */
function coloursInTs(source: string): string[] {
  const found: string[] = [];
  source.split('\n').forEach((line, i) => {
    const code = line.replace(/^\s*(?:\/\/|\*|\/\*).*$/, '');
    const hits = [
      ...(code.match(/(?<=["'`])#[0-9a-f]{3,8}(?=["'`])/gi) ?? []),
      ...(code.match(/(?<=["'`][^"'`]*)\b(?:rgba?|hsla?)\(/gi) ?? []),
      ...[...code.matchAll(/\b(?:fill|stroke|stopColor|floodColor|color)[=:]\s*\{?\s*["'`]([a-z]+)["'`]/gi)]
        .map((m) => m[1] ?? '')
        .filter((w) => NAMED.has(w.toLowerCase())),
    ];
    for (const colour of hits) found.push(`${i + 1}: ${colour}`);
  });
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

describe('colours come only from the tokens', () => {
  it('finds the raw colours it is meant to find (and nothing else)', () => {
    expect(coloursInCss('.a { color: #fff; border: 1px solid rgba(0, 0, 0, 0.1); }\n.b { fill: white; }')).toEqual([
      '1: #fff',
      '1: rgba(',
      '2: white',
    ]);
    expect(
      coloursInCss(
        '#main:focus { outline: none; white-space: nowrap; color: var(--tan); background: currentColor; }\n/* red */',
      ),
    ).toEqual([]);
    expect(coloursInTs(`const A = { high: '#a3251c' };\n<line stroke="black" />\nconst b = 'rgb(1, 2, 3)';`)).toEqual([
      '1: #a3251c',
      '2: black',
      '3: rgb(',
    ]);
    expect(coloursInTs(`<path fill={\`url(#\${id})\`} stroke="var(--hatch)" />\nconst white = 1;`)).toEqual([]);
  });

  const files = filesUnder(WEB).filter((f) => !f.endsWith('.test.ts') && !f.endsWith('.test.tsx'));

  it('no CSS file but the tokens names a colour', () => {
    const found = files
      .filter((f) => f.endsWith('.css') && f !== TOKENS)
      .flatMap((f) => coloursInCss(readFileSync(f, 'utf8')).map((hit) => `${relative(WEB, f)}:${hit}`));
    expect(found).toEqual([]);
  });

  it('no TypeScript of the web names a colour', () => {
    const found = files
      .filter((f) => /\.tsx?$/.test(f))
      .flatMap((f) => coloursInTs(readFileSync(f, 'utf8')).map((hit) => `${relative(WEB, f)}:${hit}`));
    expect(found).toEqual([]);
  });
});
