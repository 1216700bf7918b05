import { beforeEach, expect, it } from 'vitest';

beforeEach(() => {
  throw new Error('per-test setup failed');
});
it('a test after a failing beforeEach', () => expect(true).toBe(true));
