/**
 * Every user-facing string of the popup, glossary, options page and background comes from
 * `_locales/en/messages.json`: keys built at run time exist, placeholders are declared, and no
 * JSX text in those parts is written inline. (Keys written literally are checked by the type of
 * `t()`.)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, EVIDENCE_LABELS } from '../../src/dataset/schema.ts';
import messages from '../../public/_locales/en/messages.json';
import manifest from '../../manifest.json';

const all = messages as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const SRC = new URL('../../src/', import.meta.url).pathname;
const PARTS = ['popup', 'glossary', 'options', 'background'];

/** Attributes a reader sees or hears. */
const SHOWN_ATTRIBUTES = new Set(['title', 'placeholder', 'alt', 'aria-label', 'label']);

/** JSX text and shown attributes written as literals (with a letter in them) in a TSX file. */
function inlineText(file: string): string[] {
  const src = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxAttribute(node) &&
      SHOWN_ATTRIBUTES.has(node.name.getText(src)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /\p{L}/u.test(node.initializer.text) &&
      !/^[a-z0-9.-]+\.[a-z]+$/.test(node.initializer.text) // an example host name
    )
      found.push(node.initializer.text);
    ts.forEachChild(node, visit);
  };
  visit(src);
  return found;
}

describe('messages', () => {
  it('has a label for every kind (singular and plural) and every evidence label', () => {
    for (const k of ENTITY_KINDS) {
      expect(all[`kind_${k.replace(/-/g, '_')}`]?.message).toBeTruthy();
      expect(all[`kinds_${k.replace(/-/g, '_')}`]?.message).toBeTruthy();
    }
    for (const e of EVIDENCE_LABELS)
      expect(all[`evidence_${e.replace(/-/g, '_')}`]?.message).toBeTruthy();
  });

  it('uses valid keys and declares every placeholder it uses', () => {
    for (const [key, m] of Object.entries(all)) {
      expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
      const used = [...m.message.matchAll(/\$([A-Za-z_]+)\$/g)].map((x) => x[1]!.toLowerCase());
      expect(Object.keys(m.placeholders ?? {}).sort()).toEqual([...new Set(used)].sort());
    }
  });

  it('resolves every __MSG_…__ the manifest uses', () => {
    const refs = JSON.stringify(manifest).match(/__MSG_([A-Za-z0-9_]+)__/g) ?? [];
    for (const r of refs) expect(all[r.slice(6, -2)]).toBeDefined();
  });

  it('has no text written inline in the JSX of the extension pages', () => {
    const files = PARTS.flatMap((p) =>
      readdirSync(join(SRC, p))
        .filter((f) => f.endsWith('.tsx'))
        .map((f) => join(SRC, p, f)),
    );
    for (const f of files)
      expect({ file: f, inline: inlineText(f) }).toEqual({ file: f, inline: [] });
  });

  it('would notice inline text (the check itself works)', () => {
    const probe = join(tmpdir(), 'cc-inline-probe.tsx');
    writeFileSync(probe, 'export const X = () => <p title="Hi there">On this page {1}</p>;');
    expect(inlineText(probe)).toEqual(['Hi there', 'On this page']);
  });
});
