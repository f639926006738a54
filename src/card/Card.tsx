/**
 * The card's content: name and kind, summary, facts with evidence labels and numbered citations,
 * sources, and the footer (dataset version, last review, crisis-support line).
 */
import type { Entity, Source, StampedDataset } from '../dataset/schema.ts';
import { EVIDENCE_LABEL, formatDate, formatDateOrRange, KIND_LABEL } from './format.ts';

export interface CardProps {
  dataset: StampedDataset;
  entity: Entity;
  onClose: () => void;
}

/** Sources in order of first citation, numbered from 1. */
function citationOrder(entity: Entity, sources: Map<string, Source>): Source[] {
  const ids: string[] = [];
  for (const f of entity.facts)
    for (const id of [...f.sources, ...(f.contested?.sources ?? [])])
      if (!ids.includes(id)) ids.push(id);
  return ids.map((id) => sources.get(id)).filter((s): s is Source => !!s);
}

export function Card({ dataset, entity, onClose }: CardProps) {
  const sources = new Map(dataset.sources.map((s) => [s.id, s]));
  const cited = citationOrder(entity, sources);
  const num = (id: string) => cited.findIndex((s) => s.id === id) + 1;
  const titleId = 'cc-card-title';
  return (
    <div class="card" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header class="head">
        <div>
          <h2 id={titleId} class="name">
            {entity.name}
          </h2>
          <p class="kind">{KIND_LABEL[entity.kind]}</p>
        </div>
        <button type="button" class="close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <p class="summary">{entity.summary}</p>
      <ul class="facts">
        {entity.facts.map((f, i) => (
          <li key={i}>
            <span class="fact">{f.text}</span>{' '}
            {f.sources.map((id) => (
              <sup key={id} class="cite">
                [{num(id)}]
              </sup>
            ))}
            <span class="evidence">{EVIDENCE_LABEL[f.evidence]}</span>
            {f.date ? <span class="date">{formatDateOrRange(f.date)}</span> : null}
          </li>
        ))}
      </ul>
      <details class="sources">
        <summary>Sources ({cited.length})</summary>
        <ol>
          {cited.map((s) => (
            <li key={s.id}>
              {s.publisher},{' '}
              {s.url?.startsWith('https://') ? (
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.title}
                </a>
              ) : (
                <span>{s.title}</span>
              )}{' '}
              ({formatDate(s.date)}){s.mirror ? ' (mirror copy)' : ''}
            </li>
          ))}
        </ol>
      </details>
      <footer class="foot">
        <p class="meta">
          Dataset {dataset.meta.version} · {dataset.hash} · reviewed{' '}
          {formatDate(entity.lastReviewed)}
        </p>
        <p class="support">
          Need support now? In the UK, Samaritans are free on 116 123, day or night.
        </p>
      </footer>
    </div>
  );
}
