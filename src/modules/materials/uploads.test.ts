// Pure helpers of uploads: type sniffing, file-name sanitising, the download's Content-Disposition.
import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitiseFileName, sniffType } from './uploads.ts';

describe('uploads', () => {
  it('recognises PDF, JPEG and PNG by their first bytes only', () => {
    expect(sniffType(Buffer.from('%PDF-1.7 ...'))).toBe('application/pdf');
    expect(sniffType(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0]))).toBe('image/jpeg');
    expect(sniffType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(sniffType(Buffer.from('<html><body>%PDF-</body></html>'))).toBeUndefined();
    expect(sniffType(Buffer.from('GIF89a'))).toBeUndefined();
    expect(sniffType(Buffer.from([0x89, 0x50]))).toBeUndefined();
    expect(sniffType(Buffer.alloc(0))).toBeUndefined();
  });

  it('keeps the last path segment, drops control and reserved characters, and gives the sniffed extension', () => {
    expect(sanitiseFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(sanitiseFileName('C:\\Users\\me\\身份证 正面.JPG', 'image/jpeg')).toBe('身份证 正面.jpg');
    expect(sanitiseFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
    expect(sanitiseFileName('evil.html', 'image/png')).toBe('evil.png');
    expect(sanitiseFileName('a\u0000b\r\n"<c>".pdf', 'application/pdf')).toBe('abc.pdf');
    expect(sanitiseFileName('...', 'image/png')).toBe('file.png');
    expect(sanitiseFileName('report\u202egpj.pdf', 'application/pdf')).toBe('reportgpj.pdf');
    expect(sanitiseFileName('x'.repeat(300) + '.pdf', 'application/pdf').length).toBeLessThanOrEqual(104);
  });

  it('sends an ASCII fallback and the UTF-8 name (RFC 5987)', () => {
    expect(contentDisposition('出生证明.pdf')).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''%E5%87%BA%E7%94%9F%E8%AF%81%E6%98%8E.pdf`);
    expect(contentDisposition("it's (1).png")).toBe(`attachment; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
  });
});
