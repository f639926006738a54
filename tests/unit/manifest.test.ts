/**
 * The two manifests built from one source: the Firefox form is derived correctly and neither asks
 * for more than it needs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestFor, rootHighlights } from '../../vite.config.ts';

type Manifest = Record<string, unknown> & {
  background: Record<string, unknown>;
  host_permissions: string[];
  content_scripts: { matches: string[]; js: string[] }[];
  browser_specific_settings?: { gecko: Record<string, unknown> };
};

const chrome = manifestFor('chrome') as unknown as Manifest;
const firefox = manifestFor('firefox') as unknown as Manifest;

describe('manifests', () => {
  it('Chrome runs a module service worker', () => {
    expect(chrome.background).toEqual({ service_worker: 'src/background/main.ts', type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it('Firefox runs background scripts, with a gecko id, a minimum version and no data collection', () => {
    expect(firefox.background).toEqual({ scripts: ['src/background/main.ts'], type: 'module' });
    const gecko = firefox.browser_specific_settings!.gecko;
    expect(gecko.id).toMatch(/@/);
    expect(gecko.strict_min_version).toMatch(/^\d+\.0$/);
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('asks for no <all_urls> at install and exposes no web-accessible resources', () => {
    for (const m of [chrome, firefox]) {
      const all = [...m.host_permissions, ...m.content_scripts.flatMap((c) => c.matches)];
      expect(all).not.toContain('<all_urls>');
      expect(all).not.toContain('*://*/*');
      expect(m.web_accessible_resources).toBeUndefined();
      expect(m.content_scripts[0]!.matches).toContain('*://*.inews.co.uk/*');
    }
  });
});

describe('commands', () => {
  it('suggests at most four keys (Chrome ignores the rest) and every command is described', () => {
    const commands = chrome.commands as Record<
      string,
      { suggested_key?: unknown; description?: string }
    >;
    expect(Object.values(commands).filter((c) => c.suggested_key).length).toBeLessThanOrEqual(4);
    for (const c of Object.values(commands)) expect(c.description).toMatch(/^__MSG_\w+__$/);
    expect(Object.keys(commands)).toEqual(
      expect.arrayContaining(['_execute_action', 'next-mention', 'previous-mention']),
    );
  });
});

describe('mark styles per browser', () => {
  it('Chromium styles highlights on :root (inherited), not on every element', () => {
    const css = readFileSync(new URL('../../src/page/marks.css', import.meta.url), 'utf8');
    const out = rootHighlights(css);
    expect(out.match(/^:root::highlight\(/gm)).toHaveLength(css.match(/^::highlight\(/gm)!.length);
    expect(out).not.toMatch(/^::highlight\(/m);
    expect(rootHighlights('a{}\n::highlight(x){}')).toBe('a{}\n:root::highlight(x){}');
  });
});
