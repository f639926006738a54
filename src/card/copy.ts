/**
 * "Copy with citations": an entry as plain text or as Markdown, each fact followed by its
 * numbered citations and the sources listed at the end (numbers from `citations.ts`, so they
 * match the card).
 *
 * Owns: the two text forms. Never: touches the clipboard or the DOM (see `clipboard.ts`).
 */
import type { Entity, StampedDataset } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import { citationsFor, safeUrl } from './citations.ts';
import { evidenceLabel, formatDate, formatDateOrRange, kindLabel } from '../shared/labels.ts';

export type CopyFormat = 'text' | 'markdown';

/** Escapes the characters Markdown would read as formatting. */
export function escapeMarkdown(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function copyText(entity: Entity, dataset: StampedDataset, format: CopyFormat): string {
  const md = format === 'markdown';
  const esc = md ? escapeMarkdown : (s: string) => s;
  const { list, num } = citationsFor(entity, dataset);
  const refs = (ids: readonly string[]) =>
    ids
      .map(num)
      .filter((n) => n > 0)
      .map((n) => `[${n}]`)
      .join('');
  const heading = (s: string) => (md ? `**${esc(s)}**` : s);
  const lines: string[] = [];

  lines.push(`${heading(entity.name)} (${kindLabel(entity.kind)})`, '', esc(entity.summary), '');
  if (entity.facts.length > 0) {
    lines.push(heading(t('cardFacts')), ...(md ? [''] : []));
    for (const f of entity.facts) {
      const meta = [evidenceLabel(f.evidence), f.date ? formatDateOrRange(f.date) : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`- ${esc(f.text)} ${refs(f.sources)} ${md ? `*(${meta})*` : `(${meta})`}`);
      if (f.contested) {
        const note = t('cardDisputed', [f.contested.by, f.contested.note]);
        lines.push(`  - ${esc(note)} ${refs(f.contested.sources)}`.trimEnd());
      }
    }
    lines.push('');
  }
  if (entity.timeline?.length) {
    lines.push(heading(t('copyTimeline')), ...(md ? [''] : []));
    for (const e of entity.timeline) {
      const date = formatDateOrRange(e.date);
      lines.push(
        `- ${md ? `**${esc(date)}**` : date}: ${esc(e.text)} ${refs(e.sources)}`.trimEnd(),
      );
    }
    lines.push('');
  }
  if (list.length > 0) {
    lines.push(heading(t('copySources')), ...(md ? [''] : []));
    list.forEach((s, i) => {
      const url = safeUrl(s.url);
      const date = formatDate(s.date);
      const mirror = s.mirror ? ` ${t('cardMirror')}` : '';
      if (md) {
        const title = url
          ? `[${esc(s.title)}](${url.replace(/[()\s]/g, encodeURIComponent)})`
          : esc(s.title);
        lines.push(`${i + 1}. ${esc(s.publisher)}, ${title}, ${date}.${mirror}`);
      } else {
        lines.push(
          `[${i + 1}] ${s.publisher}, “${s.title}”, ${date}.${mirror}${url ? ` ${url}` : ''}`,
        );
      }
    });
    lines.push('');
  }
  const footer = t('copyFooter', [dataset.meta.version, formatDate(entity.lastReviewed)]);
  lines.push(md ? `*${esc(footer)}*` : footer);
  return lines.join('\n') + '\n';
}
