/**
 * Version 1 (extension 0.1.0): `sites.blocked` is a list of hostnames as typed, and `version` is
 * never stored (v1 wrote only the areas a user changed).
 */
import type { Examples } from './types.ts';

const allKinds = {
  programme: true,
  organisation: true,
  campaign: true,
  person: true,
  role: true,
  'legal-power': true,
  'law-or-guidance': true,
  publication: true,
  award: true,
  event: true,
  concept: true,
};

export const examples: Examples = {
  'one-area': {
    description: 'A user who only changed the density: one area stored, no version key',
    stored: {
      marking: {
        density: 'all',
        kinds: allKinds,
        style: 'underline',
        renderer: 'highlight',
        capPerPage: 200,
      },
    },
  },
  'blocked-sites': {
    description: 'Blocked hostnames as typed, with a www. and an upper-case duplicate',
    stored: {
      sites: { mode: 'default-list', blocked: ['www.BBC.co.uk', 'bbc.co.uk', 'news.example.org'] },
    },
  },
  everything: {
    description: 'Every area set away from its default',
    stored: {
      marking: {
        density: 'off',
        kinds: { ...allKinds, person: false, concept: false },
        style: 'background',
        renderer: 'wrap',
        capPerPage: 50,
      },
      card: { hoverDelayMs: 650, theme: 'dark' },
      sites: { mode: 'manual', blocked: ['www.theguardian.com'] },
      hidden: { 'www.inews.co.uk': ['sim', 'stopsim'] },
    },
  },
  'unmigratable-entries': {
    description: 'A blocked list with entries that are not hostnames',
    stored: {
      sites: { mode: 'allowed', blocked: ['ok.example.org', 42, 'not a host!'] },
      card: { hoverDelayMs: 300, theme: 'auto' },
    },
  },
};
