// Reads a staff file (CSV in UTF-8, or the first sheet of an XLSX workbook) into rows. The header row
// names the columns in Chinese or English, in any order:
//   用户名 username · 姓名 name · 手机号 phone · 单位代码 unit · 角色 roles · 初始密码 password (optional)
import ExcelJS from 'exceljs';
import type { TStaffImportProblem, TStaffImportRow } from '../../contract/staff.ts';

type Column = 'username' | 'name' | 'phone' | 'unitCode' | 'roles' | 'password';

const HEADERS: Record<string, Column> = {
  用户名: 'username', 账号: 'username', username: 'username',
  姓名: 'name', name: 'name',
  手机号: 'phone', 手机: 'phone', 手机号码: 'phone', phone: 'phone',
  单位代码: 'unitCode', 单位: 'unitCode', unit: 'unitCode', unitcode: 'unitCode',
  角色: 'roles', roles: 'roles', role: 'roles',
  初始密码: 'password', 密码: 'password', password: 'password',
};
const REQUIRED: Column[] = ['username', 'name', 'phone', 'unitCode', 'roles'];
const COLUMN_ZH: Record<Column, string> = { username: '用户名', name: '姓名', phone: '手机号', unitCode: '单位代码', roles: '角色', password: '初始密码' };

/** A city's staff list is hundreds of rows; a file beyond this is a mistake. */
export const MAX_STAFF_ROWS = 5000;

export interface StaffFile {
  rows: TStaffImportRow[];
  problems: TStaffImportProblem[];
}

const fileProblem = (code: string, zh: string, en: string): TStaffImportProblem => ({ row: 0, column: null, code, zh, en });

/** RFC 4180 CSV: quoted fields with "" escapes and line breaks, CRLF or LF, a UTF-8 BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

async function readXlsx(bytes: Buffer): Promise<string[][] | undefined> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return undefined;
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(row.getCell(c).text ?? '');
    rows.push(cells);
  }
  return rows;
}

const isZip = (bytes: Buffer) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads the file's rows; file-level problems (unreadable, no header, a column missing) have row 0. */
export async function readStaffFile(bytes: Buffer): Promise<StaffFile> {
  let table: string[][] | undefined;
  if (isZip(bytes)) {
    table = await readXlsx(bytes);
    if (!table) return { rows: [], problems: [fileProblem('FILE_UNREADABLE', '无法读取该 XLSX 文件', 'The XLSX file cannot be read')] };
  } else {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\uFFFD')) return { rows: [], problems: [fileProblem('FILE_NOT_UTF8', 'CSV 文件须为 UTF-8 编码', 'The CSV file must be UTF-8')] };
    table = parseCsv(text);
  }
  // blank lines (trailing ones, spacer rows) are not rows of people
  const numbered = table.map((cells, i) => ({ n: i + 1, cells: cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...body] = numbered;
  if (!header || body.length === 0) return { rows: [], problems: [fileProblem('FILE_EMPTY', '文件中没有人员数据（第 1 行为表头）', 'The file has no staff rows (row 1 is the header)')] };
  if (body.length > MAX_STAFF_ROWS)
    return { rows: [], problems: [fileProblem('FILE_TOO_LARGE', `一次最多导入 ${MAX_STAFF_ROWS} 人`, `At most ${MAX_STAFF_ROWS} people per import`)] };
  const index = new Map<Column, number>();
  header.cells.forEach((h, i) => {
    const col = HEADERS[h.replace(/\s+/g, '').toLowerCase()] ?? HEADERS[h.replace(/\s+/g, '')];
    if (col && !index.has(col)) index.set(col, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0)
    return {
      rows: [],
      problems: missing.map((c) => ({ row: 1, column: COLUMN_ZH[c], code: 'FILE_COLUMN_MISSING', zh: `表头缺少“${COLUMN_ZH[c]}”列`, en: `The header has no "${c}" column` })),
    };
  const cell = (cells: string[], c: Column) => (index.has(c) ? (cells[index.get(c)!] ?? '') : '');
  const rows = body.map(({ n, cells }) => {
    const password = cell(cells, 'password');
    return {
      row: n, username: cell(cells, 'username'), name: cell(cells, 'name'), phone: cell(cells, 'phone'), unitCode: cell(cells, 'unitCode'), roles: cell(cells, 'roles'),
      ...(password ? { password } : {}),
    };
  });
  return { rows, problems: [] };
}

export { COLUMN_ZH as STAFF_FILE_COLUMNS_ZH };
