import { afterAll, expect, it } from 'vitest';

afterAll(() => {
  throw new Error('teardown failed');
});
it('passes before the failing afterAll', () => expect(true).toBe(true));
