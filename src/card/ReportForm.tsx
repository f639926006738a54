/**
 * "Report a problem": the form a reader fills in about an entry or one of its facts, on the card
 * and on each glossary entry. The reader picks what is wrong (the entry, or a fact), writes what
 * is wrong and, where a page is given (the card), may tick to include its address; the report is
 * shown as it will read, and can be copied, or opened prefilled at the build's destination in a
 * new tab (a plain link: the reader's click opens it, the extension sends nothing).
 *
 * Owns: the form's own state (the choice, the words, the tick) and its markup and wording. Never:
 * writes the clipboard itself (the host's `copy` does), fetches, or stores anything.
 */
import { useState } from 'preact/hooks';
import type { Entity } from '../dataset/schema.ts';
import { t } from '../shared/i18n.ts';
import { buildReport, reportableAddress, type Destination } from '../shared/problem-report.ts';

export interface ReportFormProps {
  entity: Pick<Entity, 'id' | 'name' | 'facts'>;
  dataset: { version: string; hash: string };
  /** The fact chosen when the form opens (its index in the entry's facts); none: the entry. */
  fact?: number;
  /** The address of the page the reader is on (the card): offered behind a tick box, off. */
  page?: string;
  /** Where the report can open prefilled (`REPORT_TO`); none: copy only. */
  destination?: Destination;
  /** Prefix of the form's element ids, unique in its document. */
  idPrefix: string;
  /** Writes the report to the clipboard; true when it was written. */
  copy(text: string): Promise<boolean>;
  /** Closes the form (the card's Cancel); absent where the form closes with its disclosure. */
  cancel?(): void;
}

/** A fact as an option: its number and the start of its text, on one line. */
const OPTION_CHARS = 70;
function optionText(n: number, text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const short = one.length > OPTION_CHARS ? `${one.slice(0, OPTION_CHARS - 1).trimEnd()}…` : one;
  return t('reportFact', [String(n), short]);
}

/** The destination's name as a reader knows it: the site's host, or "your e-mail program". */
function destinationName(d: Destination): string {
  if (d.kind === 'mailto') return t('reportToMail');
  try {
    return new URL(d.url.replace(/\{(title|body)\}/g, 'x')).hostname;
  } catch {
    return d.url;
  }
}

export function ReportForm(props: ReportFormProps) {
  const { entity, idPrefix: id } = props;
  const [choice, setChoice] = useState(props.fact !== undefined ? String(props.fact) : '');
  const [words, setWords] = useState('');
  const [includePage, setIncludePage] = useState(false);
  const [status, setStatus] = useState('');
  const address = props.page ? reportableAddress(props.page) : undefined;
  const index = choice === '' ? undefined : Number(choice);
  const fact = index !== undefined ? entity.facts[index] : undefined;
  const report = buildReport({
    entry: { id: entity.id, name: entity.name },
    ...(fact && index !== undefined ? { fact: { index, text: fact.text } } : {}),
    dataset: props.dataset,
    words,
    ...(address ? { page: address } : {}),
    includePage: includePage && !!address,
    ...(props.destination ? { destination: props.destination } : {}),
  });
  const copy = async () => {
    const ok = await props.copy(report.text);
    setStatus(t(ok ? 'reportCopied' : 'cardCopyFailed'));
  };
  return (
    <form
      class="report"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void copy();
      }}
    >
      <h3 id={`${id}-h`} class="report-h">
        {t('reportTitle')}
      </h3>
      <p class="report-intro">
        {props.destination
          ? t('reportIntroDestination', destinationName(props.destination))
          : t('reportIntroCopy')}
      </p>
      <label class="report-label" for={`${id}-what`}>
        {t('reportWhat')}
      </label>
      <select
        id={`${id}-what`}
        class="report-field"
        value={choice}
        onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">{t('reportWholeEntry')}</option>
        {entity.facts.map((f, i) => (
          <option key={i} value={String(i)}>
            {optionText(i + 1, f.text)}
          </option>
        ))}
      </select>
      <label class="report-label" for={`${id}-words`}>
        {t('reportWords')}
      </label>
      <textarea
        id={`${id}-words`}
        class="report-field"
        rows={3}
        value={words}
        onInput={(e) => setWords((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {address ? (
        <label class="report-page">
          <input
            type="checkbox"
            checked={includePage}
            onChange={(e) => setIncludePage((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('reportIncludePage')} <span class="report-address">{address}</span>
        </label>
      ) : null}
      <details class="report-preview">
        <summary>{t('reportPreview')}</summary>
        <pre class="report-text">{report.text}</pre>
      </details>
      <div class="report-actions">
        <button type="submit" class="action">
          {t('reportCopy')}
        </button>
        {report.url ? (
          <a class="action" href={report.url} target="_blank" rel="noopener noreferrer">
            {t('reportOpen')}
            <span class="visually-hidden"> {t('cardNewTab')}</span>
          </a>
        ) : null}
        {props.cancel ? (
          <button type="button" class="action" onClick={props.cancel}>
            {t('reportCancel')}
          </button>
        ) : null}
      </div>
      {report.shortened ? <p class="report-note">{t('reportShortened')}</p> : null}
      <p class="report-status" role="status">
        {status}
      </p>
    </form>
  );
}
