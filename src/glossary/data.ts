/**
 * The bundled dataset as the glossary reads it below its first screen: look-up maps, the entries
 * in page order and the sources index numbering, computed once when it is loaded.
 *
 * Owns: those module-level values. Never: renders.
 */
import dataset from 'virtual:cc-dataset';
import { createSearch } from '../shared/search.ts';
import { refInfo } from './brief.ts';
import { byRole, citations, sourceOrder } from './model.ts';

export { dataset };
export const entities = new Map(dataset.entities.map((e) => [e.id, e]));
export const sources = new Map(dataset.sources.map((s) => [s.id, s]));
export const sourceList = sourceOrder(dataset.sources);
/** Each source's number in the sources index ("[12]") and its one-line name. */
export const refs = refInfo(dataset);
export const roles = byRole(dataset.entities);
export const search = createSearch(dataset.entities);

let cited: Map<string, string[]> | undefined;
export const citedBy = () => (cited ??= citations(dataset));
