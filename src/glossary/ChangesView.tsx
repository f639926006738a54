/**
 * "What changed in this dataset version": the version this copy ships and its changes, then the
 * earlier versions', from the changelog the dataset keeps with its version (`meta.json`).
 *
 * Owns: the view. Never: picks or orders entries (`shared/changelog.ts`).
 */
import type { ChangelogEntry } from '../dataset/schema.ts';
import { changelogView } from '../shared/changelog.ts';
import { t } from '../shared/i18n.ts';
import { formatDate } from '../shared/labels.ts';
import { dataset } from './data.ts';

function Release({ entry, earlier = false }: { entry: ChangelogEntry; earlier?: boolean }) {
  const id = `changes-${entry.version}`;
  const Heading = earlier ? 'h4' : 'h3';
  return (
    <section class="release" aria-labelledby={id} data-version={entry.version}>
      <Heading id={id}>
        {t('changesVersion', [entry.version, formatDate(entry.date, 'long')])}
      </Heading>
      <ul>
        {entry.changes.map((c, i) => (
          <li key={i}>{c}</li>
        ))}
      </ul>
    </section>
  );
}

export function ChangesView() {
  const view = changelogView(dataset.meta);
  return (
    <>
      <p class="intro">{t('changesIntro', [view.version, dataset.hash])}</p>
      {view.current ? <Release entry={view.current} /> : <p>{t('changesNone', view.version)}</p>}
      {view.earlier.length > 0 ? (
        <section aria-labelledby="changes-earlier">
          <h3 id="changes-earlier">{t('changesEarlier')}</h3>
          {view.earlier.map((e) => (
            <Release key={e.version} entry={e} earlier />
          ))}
        </section>
      ) : null}
    </>
  );
}
