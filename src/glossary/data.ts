/**
 * The bundled dataset as the glossary reads it: look-up maps, the story's centre, the entries in
 * page order and the sources index numbering, computed once when the page loads.
 *
 * Owns: those module-level values. Never: renders.
 */
import dataset from 'virtual:cc-dataset';
import { createSearch } from '../shared/search.ts';
import { byRole, citations, sourceOrder, storyCentre, storyTimeline } from './model.ts';

export { dataset };
export const entities = new Map(dataset.entities.map((e) => [e.id, e]));
export const sources = new Map(dataset.sources.map((s) => [s.id, s]));
export const sourceList = sourceOrder(dataset.sources);
/** A source's number in the sources index, as its references show it ("[12]"). */
export const sourceNumber = new Map(sourceList.map((s, i) => [s.id, i + 1]));
export const centre = storyCentre(dataset.entities);
export const roles = byRole(dataset.entities);
export const search = createSearch(dataset.entities);

let story: ReturnType<typeof storyTimeline> | undefined;
export const storyEvents = () => (story ??= storyTimeline(dataset));
let cited: Map<string, string[]> | undefined;
export const citedBy = () => (cited ??= citations(dataset));
