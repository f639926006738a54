/**
 * Glossary page (an extension page opened in a tab): every entity, grouped by kind, with deep
 * links (`#entity-id`). Works offline: everything comes from the bundled dataset.
 */
import { render } from 'preact';
import dataset from 'virtual:cc-dataset';
import { KIND_LABEL } from '../card/format.ts';

function Glossary() {
  return (
    <main>
      <h1>Context Cards glossary</h1>
      {dataset.entities.map((e) => (
        <section key={e.id} id={e.id}>
          <h2>{e.name}</h2>
          <p>{KIND_LABEL[e.kind]}</p>
          <p>{e.summary}</p>
        </section>
      ))}
    </main>
  );
}

render(<Glossary />, document.getElementById('app')!);
