// The glossary's first screen, made at build time (build/pages-data.ts).
declare module 'virtual:cc-story' {
  const story: import('./brief.ts').StoryBriefData;
  export default story;
}
