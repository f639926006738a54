/**
 * How a source is named to a reader, the same in the card, the popup, the glossary and copied
 * text. In `sources.json` a title in [square brackets] is the curator's description of a source
 * whose own title was not recorded; a reader sees it as a description (no brackets, never in
 * quotation marks), and a real title in quotation marks. A bracketed note after a real title
 * ("Serenity Integrated Mentoring [programme no longer running]") is the curator's, not the
 * publisher's: it is shown after the quoted title, in parentheses.
 *
 * Owns: that display rule, and a one-line reference that names the publisher once.
 * Never: touches the DOM or reads the dataset itself.
 */
import type { Source } from '../dataset/schema.ts';

export interface SourceName {
  /** The title, or the description without its brackets. */
  text: string;
  /** True when `text` describes the source rather than being its title. */
  descriptive: boolean;
  /** The curator's note that followed a real title in brackets, without them. */
  note?: string;
}

const BRACKETED = /^\s*\[(.*)\]\s*$/s;
const NOTED = /^(.*\S)\s*\[([^[\]]+)\]\s*$/s;

export function sourceName(source: Pick<Source, 'title'>): SourceName {
  const m = BRACKETED.exec(source.title);
  if (m) return { text: m[1]!.trim(), descriptive: true };
  const n = NOTED.exec(source.title);
  if (n) return { text: n[1]!, descriptive: false, note: n[2]!.trim() };
  return { text: source.title, descriptive: false };
}

/** The name as running text: a title in quotation marks (then its note), a description as it is. */
export function quotedName(source: Pick<Source, 'title'>): string {
  const n = sourceName(source);
  if (n.descriptive) return n.text;
  return n.note ? `“${n.text}” (${n.note})` : `“${n.text}”`;
}

/**
 * "Publisher, “Title”" or "Publisher: description", naming the publisher once: where the title
 * is only the publisher's name ("NHS England"), the publisher alone.
 */
export function sourceLine(source: Pick<Source, 'title' | 'publisher'>): string {
  const n = sourceName(source);
  if (n.text.trim().toLowerCase() === source.publisher.trim().toLowerCase())
    return source.publisher;
  return n.descriptive
    ? `${source.publisher}: ${n.text}`
    : `${source.publisher}, ${quotedName(source)}`;
}
