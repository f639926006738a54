/**
 * Version 2: per-site rules (`sites.rules`: site → "on" | "off"; a site is a hostname without
 * `www.`), and `version` is stored.
 */
import type { Examples } from './types.ts';
import { examples as v001 } from './v001.ts';

export const examples: Examples = {
  'one-area': {
    description: 'Untouched areas stay absent; the version is stamped',
    stored: { version: 2, marking: v001['one-area']!.stored.marking },
  },
  'blocked-sites': {
    description: 'Each blocked hostname becomes an "off" rule for its site; duplicates merge',
    stored: {
      version: 2,
      sites: { mode: 'default-list', rules: { 'bbc.co.uk': 'off', 'news.example.org': 'off' } },
    },
  },
  everything: {
    description: 'Only the sites area changes shape; every other value is carried over',
    stored: {
      version: 2,
      marking: v001.everything!.stored.marking,
      card: { hoverDelayMs: 650, theme: 'dark' },
      sites: { mode: 'manual', rules: { 'theguardian.com': 'off' } },
      hidden: { 'www.inews.co.uk': ['sim', 'stopsim'] },
    },
  },
  'unmigratable-entries': {
    description: 'Entries that are not hostnames are reported, the rest kept',
    stored: {
      version: 2,
      sites: { mode: 'allowed', rules: { 'ok.example.org': 'off' } },
      card: { hoverDelayMs: 300, theme: 'auto' },
    },
    notes: ['sites.blocked[1]', 'sites.blocked[2]'],
  },
  'switched-on': {
    description: 'New in v2: a site switched on by hand next to a blocked one',
    stored: {
      version: 2,
      sites: { mode: 'default-list', rules: { 'example-unlisted.org': 'on', 'bbc.co.uk': 'off' } },
    },
  },
};
