// Chinese search without a Chinese parser: character bigrams (and single Latin words) in a GIN index.

export function textGrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.toLowerCase().match(/[\p{Script=Han}]+|[a-z0-9]+/gu) ?? []) {
    if (/^[a-z0-9]+$/.test(run)) {
      out.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    chars.forEach((c) => out.add(c)); // single characters let a one-character query match
  }
  return [...out];
}

/** The grams a query must all match: bigrams for Chinese runs of 2+, the character for a single one. */
export function queryGrams(q: string): string[] {
  const out = new Set<string>();
  for (const run of q.toLowerCase().match(/[\p{Script=Han}]+|[a-z0-9]+/gu) ?? []) {
    const chars = [...run];
    if (/^[a-z0-9]+$/.test(run) || chars.length === 1) out.add(run);
    else for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}
