/**
 * Reads the research files beside the repository, the one source of facts and URLs, for the
 * tests that hold the dataset to them: the brief (`../shared/research/sim-dataset-brief.md`, its
 * register in §4) and its additions (`sim-dataset-brief-additions.md`, its register in §2, same
 * format). `BRIEF` / `ADDITIONS` are undefined when a file is absent, and the tests that need it
 * skip with a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const research = (name: string) =>
  fileURLToPath(new URL(`../../../../shared/research/${name}`, import.meta.url));
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

export const BRIEF_PATH = research('sim-dataset-brief.md');
export const BRIEF: string | undefined = read(BRIEF_PATH);
export const NO_BRIEF = `skipped: the research brief is absent (${BRIEF_PATH})`;

export const ADDITIONS_PATH = research('sim-dataset-brief-additions.md');
export const ADDITIONS: string | undefined = read(ADDITIONS_PATH);
export const NO_ADDITIONS = `skipped: the brief's additions are absent (${ADDITIONS_PATH})`;

/** Where each research file keeps its source register (same line format in both). */
export const BRIEF_REGISTER_SECTION = 4;
export const ADDITIONS_REGISTER_SECTION = 2;

/** The text of one top-level section, from `## <n>.` to the next `## `. */
export function section(doc: string, n: number): string {
  const start = doc.search(new RegExp(`^## ${n}\\. `, 'm'));
  if (start < 0) throw new Error(`the research file has no section ${n}`);
  const rest = doc.slice(start + 3);
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

/** A source register: one entry per `- **S-…**` line of section `n` (§4 of the brief). */
export function register(doc: string, n = BRIEF_REGISTER_SECTION): RegisterEntry[] {
  return section(doc, n)
    .split('\n')
    .filter((l) => l.startsWith('- **S-'))
    .map((line) => {
      const id = /^- \*\*(S-[A-Za-z0-9-]+)\*\*/.exec(line)![1]!;
      const status = line.split(' — ').at(-1) ?? '';
      return { id, urls: urlsIn(line), mirror: /^mirror\b/.test(status.trim()), line };
    });
}

/** §2 entry numbers and titles of the brief, e.g. `["2.1", "Serenity Integrated Mentoring (SIM)"]`. */
export function entityHeadings(brief: string): [string, string][] {
  return [...section(brief, 2).matchAll(/^### (2\.\d+) (.+)$/gm)].map((m) => [m[1]!, m[2]!]);
}

/** §1 entry numbers and titles of the additions, e.g. `["1.10", "NEW — Liberty Investigates…"]`. */
export function additionHeadings(additions: string): [string, string][] {
  return [...section(additions, 1).matchAll(/^### (1\.\d+) (.+)$/gm)].map((m) => [m[1]!, m[2]!]);
}
