/// <reference types="vite/client" />
/// <reference types="@crxjs/vite-plugin/client" />

// The dataset's generated modules (see src/dataset/vite-plugin.ts).
declare module 'virtual:cc-tables' {
  const tables: import('./dataset/tables.ts').PackedTables;
  export default tables;
}
declare module 'virtual:cc-dataset' {
  const dataset: import('./dataset/schema.ts').StampedDataset;
  export default dataset;
}
declare module 'virtual:cc-report-to' {
  const destination: import('./shared/problem-report.ts').Destination | null;
  export default destination;
}
