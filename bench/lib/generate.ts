/**
 * Generated inputs for the benchmark, deterministic for a seed:
 * - a dense page: realistic news sentences built from the dataset's own aliases (ambiguous ones
 *   with one of their cues in the same paragraph, some names split across inline elements);
 * - synthetic alias sets (100 and 10,000 names) for the matcher-only comparison.
 */
import type { MatchTables, TableAlias } from '../../src/dataset/tables.ts';

/** Mulberry32: a small, fast, seeded PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const TEMPLATES = [
  'In {year}, {A} said that {B} had raised concerns about the scheme with local trusts.',
  'Campaigners told the review that {A} had never published an evidence base for its approach.',
  '{A} confirmed in a statement that it had written to every trust about {B} in {year}.',
  'A spokesperson for {A} said the organisation was "reviewing the findings carefully".',
  'Documents released under the Freedom of Information Act show that {A} and {B} met twice.',
  'According to {A}, more than forty areas had adopted the model by {year}.',
  'The report, which cites {A}, says patients were not consulted before {B} was introduced.',
  'Several clinicians said {A} blurred the line between care and policing.',
  '{A} has since said that the approach "must no longer be used" in its current form.',
  'Asked about {A}, the minister said the matter was for {B} to decide.',
  'The trust said it had stopped working with {A} in {year}, after the concerns were raised.',
  'Readers who have been affected by {A} can contact the charities listed below.',
];
const FILLER = [
  'The weather in the afternoon was mild, and the meeting ran late into the evening.',
  'Local councillors discussed bus routes, school places and the new library opening hours.',
  'The football club announced a new manager after a difficult season at the bottom of the table.',
  'Prices in the high street rose again this quarter, the chamber of commerce said.',
];

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  );
}

/** An alias as it would appear in running text, sometimes split across an inline element. */
function render(r: () => number, a: TableAlias): string {
  const text = escapeHtml(a.text);
  const words = text.split(' ');
  if (words.length >= 3 && r() < 0.3)
    return `${words[0]} <em>${words.slice(1, -1).join(' ')}</em> ${words.at(-1)}`;
  if (r() < 0.15) return `<a href="#">${text}</a>`;
  if (a.suffixes.length && r() < 0.2) return `${text}${escapeHtml(a.suffixes[0]!)}`;
  return text;
}

/**
 * A page of about `bytes` of HTML, dense with mentions of every alias in `tables`: each
 * paragraph of 3–5 sentences names 2–8 aliases; an ambiguous alias comes with one of its cues.
 */
export function densePage(tables: MatchTables, bytes = 1_000_000, seed = 1): string {
  const r = rng(seed);
  const aliases = tables.aliases.filter((a) => !a.text.startsWith('#'));
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Dense page</title>',
    '<style>body{font:16px/1.5 Georgia,serif;max-width:42em;margin:2em auto}</style></head><body>',
    '<main><article><h1>Dense page: every alias in realistic sentences</h1>',
  ];
  let size = parts.join('').length;
  let n = 0;
  while (size < bytes) {
    const sentences: string[] = [];
    const count = 3 + Math.floor(r() * 3);
    for (let s = 0; s < count; s++) {
      if (r() < 0.15) {
        sentences.push(pick(r, FILLER));
        continue;
      }
      const a = pick(r, aliases);
      const b = pick(r, aliases);
      let sentence = pick(r, TEMPLATES)
        .replace('{year}', String(2013 + Math.floor(r() * 11)))
        .replace('{A}', render(r, a))
        .replace('{B}', render(r, b));
      const cues = [a, b].flatMap((x) => (x.context ? [pick(r, x.context.cues)] : []));
      if (cues.length) sentence += ` The ${cues.map(escapeHtml).join(' and ')} link was noted.`;
      sentences.push(sentence);
    }
    const tag = n % 23 === 0 ? 'h2' : n % 11 === 0 ? 'li' : 'p';
    const html =
      tag === 'li'
        ? `<ul><li>${sentences.join(' ')}</li></ul>`
        : `<${tag}>${sentences.join(' ')}</${tag}>`;
    parts.push(html);
    size += html.length;
    n++;
  }
  parts.push('</article></main></body></html>');
  return parts.join('\n');
}

const FIRST = [
  'North',
  'South',
  'East',
  'West',
  'Upper',
  'Lower',
  'Greater',
  'Royal',
  'National',
  'Central',
  'Coastal',
  'Valley',
  'Harbour',
  'Forest',
  'River',
  'Moor',
  'Downs',
  'Vale',
  'Bay',
  'Fen',
];
const STEMS = [
  'ash',
  'brook',
  'bury',
  'cliff',
  'dale',
  'field',
  'ford',
  'gate',
  'ham',
  'hurst',
  'ley',
  'mere',
  'mouth',
  'port',
  'stead',
  'stow',
  'thorpe',
  'ton',
  'wick',
  'worth',
];
const ROOTS = [
  'Alder',
  'Birch',
  'Cedar',
  'Elm',
  'Hazel',
  'Holly',
  'Linden',
  'Maple',
  'Oak',
  'Rowan',
  'Willow',
  'Yew',
  'Brack',
  'Cray',
  'Dun',
  'Gris',
  'Kel',
  'Mar',
  'Pen',
  'Tre',
];
const ORGS = [
  'Health Partnership',
  'Care Trust',
  'Recovery Network',
  'Crisis Service',
  'Mental Health Alliance',
  'Wellbeing Board',
  'Policing Unit',
  'Integrated Care Board',
  'Advocacy Project',
  'Peer Network',
];

/**
 * `count` aliases: the dataset's first `real` (fewer if `count` is smaller), then distinct
 * synthetic names (organisations, places, acronyms) that do not occur in ordinary text, mixed in
 * the proportions of a real dataset. Sets made with the same `real` find the same mentions in
 * any text: they differ only in how many aliases they hold.
 */
export function syntheticAliases(
  tables: MatchTables,
  count: number,
  real: number,
  seed = 7,
): TableAlias[] {
  const r = rng(seed);
  const out: TableAlias[] = tables.aliases.slice(0, Math.min(count, real));
  const seen = new Set(out.map((a) => a.text.toLowerCase()));
  while (out.length < count) {
    const place = `${pick(r, ROOTS)}${pick(r, STEMS)}`;
    const kind = r();
    const text =
      kind < 0.5
        ? `${pick(r, FIRST)} ${place} ${pick(r, ORGS)}`
        : kind < 0.8
          ? `${place} ${pick(r, ORGS)}`
          : `${place.slice(0, 2).toUpperCase()}${pick(r, ROOTS).slice(0, 2).toUpperCase()}${Math.floor(r() * 90 + 10)}`;
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push({
      text,
      entity: out.length % Math.max(1, tables.entities.length),
      caseSensitive: kind >= 0.8,
      suffixes: ["'s"],
      exclude: [],
    });
  }
  return out;
}

/** The visible text of a generated page, block by block (for the matcher-only mode). */
export function pageBlocks(html: string): string[] {
  return [...html.matchAll(/<(p|h2|li)>([\s\S]*?)<\/\1>/g)].map((m) =>
    m[2]!
      .replace(/<[^>]+>/g, '')
      .replace(
        /&(amp|lt|gt|quot);/g,
        (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"' })[e]!,
      ),
  );
}
