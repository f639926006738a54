/**
 * Copying an entry as plain text or as Markdown, each fact followed by its numbered citations and
 * the sources listed at the end (numbers from `citations.ts`, so they match the card). "Copy"
 * takes what the card shows (`shown`: name, summary, key facts, "since this article", and only
 * their sources: a paragraph or two); "Copy full entry" takes everything (`full`: every fact,
 * grouped as the expanded card groups them, the timeline and every source).
 *
 * Owns: the text forms. Never: touches the clipboard or the DOM (see `clipboard.ts`).
 */
import type { Entity, Fact, StampedDataset } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import type { SinceArticle } from '../shared/since.ts';
import { sourceLine, sourceName } from '../shared/source-names.ts';
import { citationsFor, safeUrl, type Scope } from './citations.ts';
import { layersOf, newerThanArticle, sinceShown } from './view.ts';
import {
  evidenceLabel,
  factDate,
  formatDate,
  formatDateOrRange,
  kindLabel,
} from '../shared/labels.ts';

export type CopyFormat = 'text' | 'markdown';
export type { Scope as CopyScope };

/** Escapes the characters Markdown would read as formatting. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function copyText(
  entity: Entity,
  dataset: StampedDataset,
  format: CopyFormat,
  scope: Scope = 'full',
  since?: SinceArticle,
): string {
  const md = format === 'markdown';
  const esc = md ? escapeMarkdown : (s: string) => s;
  const { list, num } = citationsFor(entity, dataset, scope, since);
  const refs = (ids: readonly string[]) =>
    ids
      .map(num)
      .filter((n) => n > 0)
      .map((n) => `[${n}]`)
      .join('');
  const heading = (s: string) => (md ? `**${esc(s)}**` : s);
  const lines: string[] = [];
  const section = (title: string, body: string[]) => {
    if (body.length === 0) return;
    lines.push(heading(title), ...(md ? [''] : []), ...body, '');
  };
  const newer = newerThanArticle(since);
  const facts = (list: Fact[]) =>
    list.flatMap((f) => {
      const tag = newer.has(entity.facts.indexOf(f)) ? t('cardNewerThanArticle') : '';
      const meta = [evidenceLabel(f.evidence), factDate(f) ?? '', tag].filter(Boolean).join(', ');
      const out = [`- ${esc(f.text)} ${refs(f.sources)} ${md ? `*(${meta})*` : `(${meta})`}`];
      if (f.contested) {
        const note = t('cardDisputed', [f.contested.by, f.contested.note]);
        out.push(`  - ${esc(note)} ${refs(f.contested.sources)}`.trimEnd());
      }
      return out;
    });
  const dated = (
    items: readonly { date: Fact['date']; text: string; sources: readonly string[] }[],
  ) =>
    items.map((e) => {
      const date = e.date ? formatDateOrRange(e.date) : '';
      return `- ${md ? `**${esc(date)}**` : date}: ${esc(e.text)} ${refs(e.sources)}`.trimEnd();
    });

  const layers = layersOf(entity);
  lines.push(`${heading(entity.name)} (${kindLabel(entity.kind)})`, '', esc(entity.summary), '');
  section(t('cardFacts'), facts(layers.key));
  if (since) section(t('cardSinceFrom', formatDate(since.since, 'long')), dated(sinceShown(since)));
  if (scope === 'full') {
    section(t('cardEvents'), facts(layers.events));
    section(t('cardBackground'), facts(layers.background));
    section(t('copyTimeline'), dated(entity.timeline ?? []));
  }
  section(
    t('copySources'),
    list.map((s, i) => {
      const url = safeUrl(s.url);
      const date = formatDate(s.date);
      const mirror = s.mirror ? ` ${t('cardMirror')}` : '';
      // The one display rule (`shared/source-names.ts`): "Publisher, “Title”", "Publisher:
      // description", and a title that is only the publisher's name not repeated.
      if (!md) return `[${i + 1}] ${sourceLine(s)}, ${date}.${mirror}${url ? ` ${url}` : ''}`;
      const name = sourceName(s);
      const same = name.text.trim().toLowerCase() === s.publisher.trim().toLowerCase();
      const href = url?.replace(/[()\s]/g, encodeURIComponent);
      const linked = (text: string) => (href ? `[${esc(text)}](${href})` : esc(text));
      const named = same
        ? href
          ? ` ${linked(t('cardSourceOpen'))}`
          : ''
        : name.descriptive
          ? `: ${linked(name.text)}`
          : `, ${linked(`“${name.text}”`)}${name.note ? esc(` (${name.note})`) : ''}`;
      return `${i + 1}. ${esc(s.publisher)}${named}, ${date}.${mirror}`;
    }),
  );
  const footer = t('copyFooter', [dataset.meta.version, formatDate(entity.lastReviewed)]);
  lines.push(md ? `*${esc(footer)}*` : footer);
  return lines.join('\n') + '\n';
}
