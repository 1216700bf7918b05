import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPersonalText } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const dest = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
  return { log: createLogger('info', dest), lines };
}

describe('the logger masks personal data', () => {
  it('masks resident ID numbers and mobile numbers inside text, leaving other numbers', () => {
    expect(maskPersonalText('证件 43010219900307131X 手机 13807310001 件号 2025061000012345')).toBe('证件 430102********131X 手机 138****0001 件号 2025061000012345');
  });

  it('in messages, fields, nested objects and errors; a database error loses its parameters', async () => {
    const { log, lines } = capture();
    const err = Object.assign(new Error('duplicate key: (id_number)=(430102199003071311)'), { code: '23505', parameters: ['430102199003071311', '13807310001'] });
    log.error({ err, subject: { idNumber: '430102199003071311', phones: ['13807310001'] }, password: 'Secret!1' }, 'insert failed for 13907310003');
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    expect(out).not.toMatch(/430102199003071311|13807310001|13907310003|Secret!1/);
    expect(out).toContain('430102********1311');
    expect(out).toContain('139****0003');
    const rec = JSON.parse(lines[0]!);
    expect(rec.err).toMatchObject({ type: 'Error', code: '23505', parameters: '[removed]' });
    expect(rec.err.stack).toContain('duplicate key');
  });
});
