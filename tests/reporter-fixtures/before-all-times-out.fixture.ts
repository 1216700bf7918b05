import { beforeAll, describe, expect, it } from 'vitest';

describe('a suite whose beforeAll never finishes', () => {
  beforeAll(() => new Promise<void>(() => undefined), 200);
  it('a test', () => expect(true).toBe(true));
});
