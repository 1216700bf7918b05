// Types of build.mjs, for TypeScript callers (the browser tests build the UI before they start).
export function build(): Promise<void>;
