/**
 * "Report a problem" (src/card/ReportForm.tsx) in real Chromium: what the reader chooses and
 * writes becomes the report (built by shared/problem-report.ts), the page's address only when
 * ticked, copied through the host's callback; and with a destination injected (the e2e builds
 * name none), "Open the report" is a plain new-tab link, prefilled, without opener or referrer.
 */
import '../support/card-i18n.ts';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { Destination } from '../../src/shared/problem-report.ts';
import { testDataset } from '../support/card-dataset.ts';

const { ReportForm } = await import('../../src/card/ReportForm.tsx');

const alpha = testDataset.entities[0]!;
const PAGE = 'https://news.example/2021/06/15/story?utm_source=feed&id=7#comments';

function mount(props: { destination?: Destination; page?: string; fact?: number } = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const copy = vi.fn(async (_text: string) => true);
  const cancel = vi.fn();
  render(
    <ReportForm
      entity={alpha}
      dataset={{ version: '2099.01.01-test', hash: 'abcdef123456' }}
      idPrefix="r"
      copy={copy}
      cancel={cancel}
      {...props}
    />,
    host,
  );
  const $ = <E extends Element = HTMLElement>(sel: string) => host.querySelector<E>(sel)!;
  const report = () => $('.report-text').textContent!;
  return { host, copy, cancel, $, report };
}

afterEach(() => {
  document.querySelectorAll('body > div').forEach((n) => {
    render(null, n);
    n.remove();
  });
});

describe('report form', () => {
  it('is a labelled form: what is wrong (entry or a fact), the words, then copy', async () => {
    const { $, copy, report } = mount({ fact: 2 });
    const form = $('form');
    expect(document.getElementById(form.getAttribute('aria-labelledby')!)!.textContent).toBe(
      'Report a problem with this entry',
    );
    const select = $<HTMLSelectElement>('#r-what');
    expect(select.labels[0]!.textContent).toBe('What is wrong?');
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'The entry as a whole',
      'Fact 1: Campaign B said it had support.',
      'Fact 2: Alpha runs in two areas.',
      'Fact 3: Body A said the *scheme* must stop.',
      'Fact 4: Alpha was first tried in one town.',
    ]);
    expect(select.value).toBe('2');
    expect(report()).toContain('Fact 3 (facts[2]): Body A said the *scheme* must stop.');
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(report()).not.toContain('Fact'));
    const words = $<HTMLTextAreaElement>('#r-words');
    expect(words.labels[0]!.textContent).toBe('Say what is wrong, and how you know');
    words.focus();
    await userEvent.keyboard('The summary is out of date.');
    await vi.waitFor(() =>
      expect(report()).toBe(
        [
          'Entry: Alpha Scheme (alpha)',
          'Dataset: 2099.01.01-test (abcdef123456)',
          '',
          'What is wrong:',
          'The summary is out of date.',
        ].join('\n'),
      ),
    );
    // No page given (the glossary): nothing to tick.
    expect($('.report-page')).toBeNull();
    // No destination: copy only.
    expect($('.report-intro').textContent).toContain('copy the report and send it');
    expect($('.report-actions a')).toBeNull();
    $<HTMLButtonElement>('button[type="submit"]').click();
    await vi.waitFor(() => expect(copy).toHaveBeenCalledWith(report()));
    await vi.waitFor(() =>
      expect($('[role="status"]').textContent).toBe('The report is copied to the clipboard.'),
    );
  });

  it("carries the page's address only when ticked, without its fragment or tracking", async () => {
    const { $, report } = mount({ page: PAGE });
    const tick = $<HTMLInputElement>('.report-page input');
    expect(tick.checked).toBe(false);
    expect($('.report-page').textContent).toContain('https://news.example/2021/06/15/story?id=7');
    expect(report()).not.toContain('news.example');
    tick.click();
    await vi.waitFor(() =>
      expect(report()).toContain('Page: https://news.example/2021/06/15/story?id=7\n'),
    );
    tick.click();
    await vi.waitFor(() => expect(report()).not.toContain('news.example'));
  });

  it('opens a tracker prefilled in a new tab, without opener or referrer', async () => {
    const destination: Destination = {
      kind: 'tracker',
      url: 'https://github.com/example-owner/example-repo/issues/new',
    };
    const { $, report } = mount({ destination, page: PAGE, fact: 1 });
    expect($('.report-intro').textContent).toContain('open it prefilled at github.com');
    $<HTMLInputElement>('.report-page input').click();
    await vi.waitFor(() => expect(report()).toContain('Page: '));
    const link = $<HTMLAnchorElement>('.report-actions a');
    expect(link.textContent).toBe('Open the report (opens in a new tab)');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    const url = new URL(link.href);
    expect(`${url.origin}${url.pathname}`).toBe(destination.url);
    expect(url.searchParams.get('title')).toBe('Report: Alpha Scheme, fact 2');
    expect(url.searchParams.get('body')).toBe(report());
    expect(url.searchParams.get('body')).toContain('Page: https://news.example/');
  });

  it('opens a mail prefilled: subject and body', () => {
    const { $, report } = mount({ destination: { kind: 'mailto', url: 'mailto:r@example.org' } });
    expect($('.report-intro').textContent).toContain('your e-mail program');
    const href = $<HTMLAnchorElement>('.report-actions a').getAttribute('href')!;
    expect(href.startsWith('mailto:r@example.org?subject=Report%3A%20Alpha%20Scheme&body=')).toBe(
      true,
    );
    const body = decodeURIComponent(href.split('&body=')[1]!);
    expect(body).toBe(report().replace(/\n/g, '\r\n'));
  });

  it('Cancel is the host’s', () => {
    const { $, cancel } = mount();
    [...$('.report-actions').querySelectorAll('button')].at(-1)!.click();
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});
