import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { configurePdfFont, pdfFontFile, PdfFontMissingError, renderDocumentPdf } from './pdf.ts';

describe('generated PDF documents', () => {
  it('finds a CJK font on this machine (CI installs fonts-wqy-microhei)', () => {
    expect(pdfFontFile()).toMatch(/\.(ttc|ttf|otf)$/);
  });

  it('renders a titled, sealed document with fields, a QR code and a watermark as a valid PDF', async () => {
    const bytes = await renderDocumentPdf({
      title: '不动产权证书', titleEn: 'Real Estate Title Certificate', number: '湘(2025)长沙市不动产权第0012345号',
      fields: [
        { label: '权利人', value: '张三' },
        { label: '坐落', value: '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室'.repeat(3) },
        { label: '面积', value: '' },
      ],
      paragraphs: ['本证书由长沙市自然资源和规划局颁发。'],
      signatureLines: ['申请人（签名）'],
      issuer: { name: '长沙市自然资源和规划局' },
      watermark: '仅供办理“一件事”使用', qr: 'https://example.cn/verify/abc', issuedAt: new Date('2025-06-10T02:00:00Z'),
      footer: '一件事一次办',
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const back = await PDFDocument.load(bytes);
    expect(back.getPageCount()).toBe(1);
    expect(back.getTitle()).toBe('不动产权证书');
    expect(back.getCreationDate()?.toISOString()).toBe('2025-06-10T02:00:00.000Z');
  });

  it('puts a long table on more pages and draws characters the font lacks as a placeholder', async () => {
    const fields = Array.from({ length: 60 }, (_, i) => ({ label: `项目 ${i + 1}`, value: `值 ${i + 1} \u{1F600}` }));
    const back = await PDFDocument.load(await renderDocumentPdf({ title: '申请表', fields }));
    expect(back.getPageCount()).toBeGreaterThan(1);
  });

  it('says how to install a font when none is found', async () => {
    configurePdfFont('/nonexistent/font.ttc');
    try {
      await expect(renderDocumentPdf({ title: '申请表', fields: [] })).rejects.toBeInstanceOf(PdfFontMissingError);
    } finally {
      configurePdfFont(undefined);
    }
  });
});
