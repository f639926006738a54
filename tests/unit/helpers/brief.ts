/**
 * Reads the research brief (`../shared/research/sim-dataset-brief.md`), the one source of facts
 * and URLs, for the tests that hold the dataset to it. The brief lives beside the repository, not
 * in it; `BRIEF` is undefined when it is absent, and the tests that need it skip with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BRIEF_PATH = fileURLToPath(
  new URL('../../../../shared/research/sim-dataset-brief.md', import.meta.url),
);
export const BRIEF: string | undefined = existsSync(BRIEF_PATH)
  ? readFileSync(BRIEF_PATH, 'utf8')
  : undefined;
export const NO_BRIEF = `skipped: the research brief is absent (${BRIEF_PATH})`;

/** The text of one top-level section, from `## <n>.` to the next `## `. */
export function section(brief: string, n: number): string {
  const start = brief.search(new RegExp(`^## ${n}\\. `, 'm'));
  if (start < 0) throw new Error(`the brief has no section ${n}`);
  const rest = brief.slice(start + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

export interface RegisterEntry {
  id: string;
  /** Every URL on the entry's line, verbatim, in order. */
  urls: string[];
  /** The entry's status is "mirror" (a third-party copy). */
  mirror: boolean;
  line: string;
}

/**
 * URLs on a register line: everything up to whitespace or ";" (the register separates two URLs
 * with " ; "), minus a closing parenthesis that belongs to the surrounding prose, not the URL.
 */
export function urlsIn(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s;]+/g)].map(([u]) => {
    const open = (u.match(/\(/g) ?? []).length;
    const close = (u.match(/\)/g) ?? []).length;
    return u.endsWith(')') && close > open ? u.slice(0, -1) : u;
  });
}

/** The §4 source register: one entry per `- **S-…**` line. */
export function register(brief: string): RegisterEntry[] {
  return section(brief, 4)
    .split('\n')
    .filter((l) => l.startsWith('- **S-'))
    .map((line) => {
      const id = /^- \*\*(S-[A-Za-z0-9-]+)\*\*/.exec(line)![1]!;
      const status = line.split(' — ').at(-1) ?? '';
      return { id, urls: urlsIn(line), mirror: /^mirror\b/.test(status.trim()), line };
    });
}

/** §2 entry numbers and titles, e.g. `["2.1", "Serenity Integrated Mentoring (SIM)"]`. */
export function entityHeadings(brief: string): [string, string][] {
  return [...section(brief, 2).matchAll(/^### (2\.\d+) (.+)$/gm)].map((m) => [m[1]!, m[2]!]);
}
