import { beforeAll, describe, expect, it } from 'vitest';

describe('a suite whose beforeAll throws', () => {
  beforeAll(() => {
    throw new Error('setup failed');
  });
  it('first test', () => expect(true).toBe(true));
  it('second test', () => expect(true).toBe(true));
});
