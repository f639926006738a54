// mark.js ships no types; the bench uses one call of it.
declare module 'mark.js' {
  export default class Mark {
    constructor(context: Element);
    markRegExp(regexp: RegExp, options?: { done?: (total: number) => void }): void;
  }
}
