/**
 * Toolbar popup: a quick glossary. Lists every entity and searches names, aliases and summaries.
 *
 * Owns: the popup's UI. Never: reads pages directly; talks to tabs only through typed messages.
 */
import { render } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import dataset from 'virtual:cc-dataset';
import { KIND_LABEL } from '../card/format.ts';

function Popup() {
  const [query, setQuery] = useState('');
  const results = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return dataset.entities;
    return dataset.entities.filter(
      (e) =>
        e.name.toLowerCase().includes(q) ||
        e.aliases.some((a) => a.text.toLowerCase().includes(q)) ||
        e.summary.toLowerCase().includes(q),
    );
  }, [query]);
  return (
    <main>
      <h1>Context Cards</h1>
      <input
        type="search"
        placeholder="Search terms and bodies"
        aria-label="Search terms and bodies"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
        autoFocus
      />
      <ul aria-label="Results">
        {results.map((e) => (
          <li key={e.id} data-entity={e.id}>
            <span class="name">{e.name}</span>
            <span class="kind">{KIND_LABEL[e.kind]}</span>
            <p class="summary">{e.summary}</p>
          </li>
        ))}
      </ul>
      {results.length === 0 ? <p class="empty">No entry matches “{query}”.</p> : null}
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
