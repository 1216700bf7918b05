// The valid-values generator lives in src/platform/valid-values.ts (the demo driver uses it too).
export * from '../../src/platform/valid-values.ts';
