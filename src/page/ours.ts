/**
 * What is ours in a page: the prefix of every name we put into it, and the tests that tell our
 * elements (the card's host, the wrap renderer's marks) from the page's. Owns: those. Never: reads
 * text or changes the DOM.
 */

/** The prefix of every name we put into a page (highlights, custom elements, attributes). */
export const NAME_PREFIX = 'context-cards';
/** The wrap renderer's element: its text is the page's own, so the walk reads inside it. */
export const MARK_TAG = `${NAME_PREFIX}-mark`;

/** True for a tag name of ours: our UI's, or the wrap renderer's mark (a cheap test first). */
export const isOurTag = (tag: string) =>
  tag.length > NAME_PREFIX.length && tag.charCodeAt(7) === 45 && tag.startsWith(NAME_PREFIX);

/** True for an element of ours: our UI (the card's host), or a wrap renderer's mark. */
export const isOurs = (n: Node) => n.nodeType === 1 && isOurTag((n as Element).localName);

/** True for an element of our UI, which the walk never reads (a wrap renderer's mark is read). */
export const isOurUi = (n: Node) => isOurs(n) && (n as Element).localName !== MARK_TAG;
