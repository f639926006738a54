/** The card's handlers, each doing nothing: a test spreads these and sets the one it watches. */
export const noop = () => undefined;

export const NO_HANDLERS = {
  close: noop,
  pin: noop,
  back: noop,
  related: noop,
  cite: noop,
  sourcesToggled: noop,
  copy: noop,
  openEntry: noop,
  hide: noop,
};
