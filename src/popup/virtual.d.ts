// The popup's entry list, made at build time (build/pages-data.ts).
declare module 'virtual:cc-entries' {
  const entries: import('../../build/pages-data.ts').EntryView[];
  export default entries;
}
