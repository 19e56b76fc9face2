/** The 数据 step's view of the sheets: lives in src/sheets/overrides.ts, which every host applies. */
export * from '../sheets/overrides';
