// Generated documents as real PDFs with Chinese text: results a department delivers, application
// forms filled from the one form, blank forms, receipts, certificates. One layout for all of them:
// a title (Chinese, optionally English below), a document number, a table of labelled fields,
// optional paragraphs and signature lines, an issuing unit's round seal, a diagonal watermark naming
// the purpose, and a QR code (e.g. a verification or status link).
//
//   const bytes = await renderDocumentPdf({
//     title: '不动产权证书', titleEn: 'Real Estate Title Certificate', number: '湘(2025)长沙市不动产权第0012345号',
//     fields: [{ label: '权利人', value: '张三' }, …], issuer: { name: '长沙市自然资源和规划局' },
//     watermark: '仅供办理"一件事"使用', qr: 'https://…/verify/…', issuedAt: new Date(),
//   });
//
// Chinese glyphs need a CJK font; none ships with Node, so the first of PDF_FONT_CANDIDATES that
// exists is embedded (subset: only the glyphs used, a few KB). Debian: `apt-get install
// fonts-wqy-microhei`; elsewhere pass a font file with configurePdfFont (config PDF_FONT_FILE).
import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';

export interface PdfField {
  label: string;
  value: string;
}

export interface PdfDocumentSpec {
  /** the document's name, e.g. 出生医学证明 */
  title: string;
  titleEn?: string;
  /** the document number, printed under the title (e.g. a certificate number) */
  number?: string;
  /** labelled values, printed as a two-column table; long values wrap */
  fields: readonly PdfField[];
  /** free text after the table (each string a paragraph) */
  paragraphs?: readonly string[];
  /** lines to sign on, e.g. ['申请人（签名）', '日期'] — for forms a person prints and signs */
  signatureLines?: readonly string[];
  /** the issuing unit: its name is printed at the foot and drawn around a red round seal */
  issuer?: { name: string };
  /** diagonal light-grey text over the page, e.g. its purpose and validity */
  watermark?: string;
  /** text encoded as a QR code in the lower right corner (a URL to verify, a status link) */
  qr?: string;
  /** printed at the foot and used as the PDF's creation date (default: now) */
  issuedAt?: Date;
  /** a small note at the very bottom */
  footer?: string;
}

/** Where a CJK font is looked for, in order (Debian, other Linux distributions, macOS, Windows). */
export const PDF_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

export class PdfFontMissingError extends Error {
  constructor() {
    super(
      `No Chinese font found for generated PDFs (looked for ${PDF_FONT_CANDIDATES[0]} and others). ` +
        'Install one (Debian: apt-get install fonts-wqy-microhei) or set PDF_FONT_FILE to a TTF/TTC/OTF file.',
    );
    this.name = 'PdfFontMissingError';
  }
}

let configuredFont: string | undefined;
let fontBytes: { file: string; bytes: Uint8Array } | undefined;

/** Use this font file instead of the search (from config PDF_FONT_FILE); undefined restores the search. */
export function configurePdfFont(file: string | undefined): void {
  configuredFont = file;
  fontBytes = undefined;
}

/** The font file generated PDFs embed, or undefined when there is none on this machine. */
export function pdfFontFile(): string | undefined {
  if (configuredFont) return existsSync(configuredFont) ? configuredFont : undefined;
  return PDF_FONT_CANDIDATES.find((f) => existsSync(f));
}

function loadFont(): Uint8Array {
  const file = pdfFontFile();
  if (!file) throw new PdfFontMissingError();
  if (fontBytes?.file !== file) fontBytes = { file, bytes: readFileSync(file) };
  return fontBytes.bytes;
}

// A font collection (.ttc) holds several faces; pdf-lib asks fontkit for "the" font, so pick the
// first face of a collection (its regular, proportional face in the fonts listed above).
const fontkitFirstFace = {
  create(bytes: Uint8Array) {
    const f = (fontkit as unknown as { create(b: Uint8Array, name?: string): { fonts?: Array<{ postscriptName: string }> } }).create(bytes);
    return f.fonts && f.fonts.length > 0
      ? (fontkit as unknown as { create(b: Uint8Array, name?: string): unknown }).create(bytes, f.fonts[0]!.postscriptName)
      : f;
  },
};

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.75, 0.75, 0.75);
const SEAL_RED = rgb(0.82, 0.1, 0.1);

/** Splits text into lines no wider than `width` at `size` (CJK text breaks anywhere; no hyphenation). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const ch of Array.from(paragraph)) {
      if (line !== '' && font.widthOfTextAtSize(line + ch, size) > width) {
        lines.push(line);
        line = ch.trim() === '' ? '' : ch;
      } else line += ch;
    }
    lines.push(line);
  }
  return lines;
}

/** Characters the font cannot draw (pdf-lib throws on them) are replaced by a visible placeholder. */
function drawable(text: string, set: ReadonlySet<number>): string {
  return Array.from(text)
    .map((ch) => (set.has(ch.codePointAt(0)!) || ch === '\n' ? ch : '□'))
    .join('');
}

function drawSeal(page: PDFPage, font: PDFFont, name: string, cx: number, cy: number): void {
  const r = 52;
  page.drawCircle({ x: cx, y: cy, size: r, borderColor: SEAL_RED, borderWidth: 3, opacity: 0, borderOpacity: 0.85 });
  // a five-pointed star in the middle
  const star: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? 16 : 6.5;
    star.push(`${i === 0 ? 'M' : 'L'} ${(rr * Math.cos(a)).toFixed(2)} ${(-rr * Math.sin(a)).toFixed(2)}`);
  }
  page.drawSvgPath(`${star.join(' ')} Z`, { x: cx, y: cy, color: SEAL_RED, opacity: 0.85 });
  // the name along the upper arc, from lower left over the top to lower right
  const chars = Array.from(name);
  const size = chars.length > 14 ? 9 : 11;
  const span = Math.min(250, 18 * chars.length) * (Math.PI / 180);
  const start = Math.PI / 2 + span / 2;
  chars.forEach((ch, i) => {
    const a = chars.length === 1 ? Math.PI / 2 : start - (i * span) / (chars.length - 1);
    const rr = r - 8 - size / 2;
    const w = font.widthOfTextAtSize(ch, size);
    const rot = a - Math.PI / 2; // the character stands on the arc, its top towards the rim
    const x = cx + rr * Math.cos(a) - (w / 2) * Math.cos(rot) + (size / 2.8) * Math.sin(rot);
    const y = cy + rr * Math.sin(a) - (w / 2) * Math.sin(rot) - (size / 2.8) * Math.cos(rot);
    page.drawText(ch, { x, y, size, font, color: SEAL_RED, rotate: degrees((rot * 180) / Math.PI), opacity: 0.85 });
  });
}

function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / n;
  page.drawRectangle({ x: x - 4, y: y - 4, width: size + 8, height: size + 8, color: rgb(1, 1, 1) });
  for (let row = 0; row < n; row++)
    for (let col = 0; col < n; col++)
      if (qr.modules.get(row, col)) page.drawRectangle({ x: x + col * cell, y: y + size - (row + 1) * cell, width: cell, height: cell, color: INK });
}

function formatDate(d: Date): string {
  // the date in China Standard Time, as printed on Chinese documents: 2025年6月10日
  const cst = new Date(d.getTime() + 8 * 3_600_000);
  return `${cst.getUTCFullYear()}年${cst.getUTCMonth() + 1}月${cst.getUTCDate()}日`;
}

/** Renders one A4 document (more pages when the fields do not fit) and returns the PDF's bytes. */
export async function renderDocumentPdf(spec: PdfDocumentSpec): Promise<Uint8Array> {
  const issuedAt = spec.issuedAt ?? new Date();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitFirstFace as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(loadFont(), { subset: true });
  doc.setTitle(spec.title);
  doc.setCreator('Yijian 一件事一次办');
  doc.setProducer('Yijian');
  doc.setCreationDate(issuedAt);
  doc.setModificationDate(issuedAt);
  const charset = new Set(font.getCharacterSet());
  const t = (s: string) => drawable(s, charset);

  const pages: PDFPage[] = [];
  let page = doc.addPage(A4);
  pages.push(page);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;

  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - MARGIN;
  };
  const need = (h: number) => {
    if (y - h < MARGIN + 150) newPage();
  };

  // title
  const titleSize = 22;
  const title = t(spec.title);
  page.drawText(title, { x: (A4[0] - font.widthOfTextAtSize(title, titleSize)) / 2, y: y - titleSize, size: titleSize, font, color: INK });
  y -= titleSize + 8;
  if (spec.titleEn) {
    const en = t(spec.titleEn);
    page.drawText(en, { x: (A4[0] - font.widthOfTextAtSize(en, 11)) / 2, y: y - 11, size: 11, font, color: MUTED });
    y -= 19;
  }
  if (spec.number) {
    const no = t(`编号：${spec.number}`);
    page.drawText(no, { x: A4[0] - MARGIN - font.widthOfTextAtSize(no, 10), y: y - 14, size: 10, font, color: INK });
    y -= 22;
  }
  y -= 8;

  // the fields table
  const labelW = 130;
  const size = 11;
  const lineH = 16;
  for (const f of spec.fields) {
    const labelLines = wrapText(t(f.label), font, size, labelW - 12);
    const valueLines = wrapText(t(f.value === '' ? '—' : f.value), font, size, width - labelW - 12);
    const rows = Math.max(labelLines.length, valueLines.length);
    const h = rows * lineH + 10;
    need(h);
    page.drawRectangle({ x: MARGIN, y: y - h, width, height: h, borderColor: RULE, borderWidth: 0.6 });
    page.drawRectangle({ x: MARGIN, y: y - h, width: labelW, height: h, color: rgb(0.96, 0.96, 0.96), borderColor: RULE, borderWidth: 0.6 });
    labelLines.forEach((l, i) => page.drawText(l, { x: MARGIN + 6, y: y - 5 - (i + 1) * lineH + 4, size, font, color: MUTED }));
    valueLines.forEach((l, i) => page.drawText(l, { x: MARGIN + labelW + 6, y: y - 5 - (i + 1) * lineH + 4, size, font, color: INK }));
    y -= h;
  }
  y -= 14;

  for (const p of spec.paragraphs ?? []) {
    for (const l of wrapText(t(p), font, size, width)) {
      need(lineH);
      page.drawText(l, { x: MARGIN, y: y - lineH + 4, size, font, color: INK });
      y -= lineH;
    }
    y -= 6;
  }

  for (const s of spec.signatureLines ?? []) {
    need(34);
    y -= 28;
    const label = t(`${s}：`);
    page.drawText(label, { x: MARGIN, y, size, font, color: INK });
    const lx = MARGIN + font.widthOfTextAtSize(label, size) + 4;
    page.drawLine({ start: { x: lx, y: y - 2 }, end: { x: lx + 180, y: y - 2 }, thickness: 0.6, color: INK });
  }

  // the foot of the last page: issuer, date, seal over them, QR code at the right
  const footY = MARGIN + 40;
  if (spec.issuer) {
    const name = t(spec.issuer.name);
    const date = t(formatDate(issuedAt));
    const right = A4[0] - MARGIN - (spec.qr ? 120 : 0);
    page.drawText(name, { x: right - font.widthOfTextAtSize(name, 12), y: footY + 22, size: 12, font, color: INK });
    page.drawText(date, { x: right - font.widthOfTextAtSize(date, 12), y: footY, size: 12, font, color: INK });
    drawSeal(page, font, name, right - Math.max(60, font.widthOfTextAtSize(name, 12) / 2), footY + 18);
  } else {
    const date = t(formatDate(issuedAt));
    page.drawText(date, { x: MARGIN, y: footY, size: 11, font, color: MUTED });
  }
  if (spec.qr) drawQr(page, spec.qr, A4[0] - MARGIN - 96, MARGIN - 4, 96);

  for (const [i, p] of pages.entries()) {
    if (spec.watermark) {
      const wm = t(spec.watermark);
      for (let k = -1; k <= 2; k++)
        p.drawText(wm, { x: MARGIN + 10, y: 180 + k * 230, size: 26, font, color: rgb(0.6, 0.6, 0.6), opacity: 0.18, rotate: degrees(30) });
    }
    const foot = t([spec.footer, pages.length > 1 ? `第 ${i + 1} 页 / 共 ${pages.length} 页` : undefined].filter(Boolean).join('    '));
    if (foot) p.drawText(foot, { x: MARGIN, y: MARGIN - 30, size: 8, font, color: MUTED });
  }
  return doc.save({ useObjectStreams: false });
}
