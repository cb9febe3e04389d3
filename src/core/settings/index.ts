// One module for every setting: typed sections with defaults, ranges, scopes
// and validation. Importers use this folder, not its files.
export * from './all';
export * from './compare-endpoints';
export * from './connection';
export * from './diagnostics';
export * from './model-name';
export * from './monitor';
export * from './snippets';
export * from './spec';
export * from './tap';
export * from './url';
