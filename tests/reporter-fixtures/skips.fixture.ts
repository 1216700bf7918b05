import { expect, it } from 'vitest';

it('passes', () => expect(true).toBe(true));
it.skip('is skipped', () => expect(true).toBe(true));
it.todo('is todo');
it('skips itself', (c) => c.skip());
