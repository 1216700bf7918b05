import { describe, expect, it } from 'vitest';
import { AuditThrottle } from './throttle.ts';

const T0 = new Date('2025-06-10T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('audit throttle', () => {
  it('admits one row per key a window, and the next says how many were held back', () => {
    const throttle = new AuditThrottle({ windowMs: 60_000 });
    expect(throttle.admit('a', at(0))).toBe(0);
    for (let i = 1; i <= 49; i++) expect(throttle.admit('a', at(i * 1000))).toBeUndefined();
    expect(throttle.admit('b', at(10_000))).toBe(0); // another key is not held back by the first
    expect(throttle.admit('a', at(59_999))).toBeUndefined();
    expect(throttle.admit('a', at(60_000))).toBe(50);
    expect(throttle.admit('a', at(60_001))).toBeUndefined();
    // the window runs from the key's last written row
    expect(throttle.admit('a', at(120_000))).toBe(1);
    expect(throttle.admit('a', at(300_000))).toBe(0);
  });

  it('starts the window again when the clock goes back', () => {
    const throttle = new AuditThrottle({ windowMs: 60_000 });
    expect(throttle.admit('a', at(60_000))).toBe(0);
    expect(throttle.admit('a', at(60_500))).toBeUndefined();
    expect(throttle.admit('a', at(0))).toBe(1);
  });

  it('keeps at most maxKeys, dropping the least recently used', () => {
    const throttle = new AuditThrottle({ windowMs: 60_000, maxKeys: 3 });
    throttle.admit('a', at(0));
    throttle.admit('b', at(0));
    throttle.admit('c', at(0));
    expect(throttle.admit('a', at(1))).toBeUndefined(); // a used again: b is now the oldest
    throttle.admit('d', at(2));
    expect(throttle.size).toBe(3);
    expect(throttle.admit('b', at(3))).toBe(0); // forgotten: written again (and c dropped for it)
    expect(throttle.admit('a', at(4))).toBeUndefined(); // still remembered, still held back
    expect(throttle.admit('c', at(5))).toBe(0);
    expect(throttle.size).toBe(3);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const throttle = new AuditThrottle();
    for (let i = 0; i < 25_000; i++) throttle.admit(`junk-${i}`, at(i));
    expect(throttle.size).toBe(10_000);
  });
});
