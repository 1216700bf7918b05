// Plausible values of the result fields a matter declares (catalog/result-fields.yaml), in the form the
// real document carries: a valid resident ID or credit code, a certificate number in its real format
// (不动产权证书 "湘(2025)长沙市不动产权第0012345号", 食品经营许可证 "JY14301020012345", 出生医学证明
// "Q430012345", …), dates of the day, names taken from the sub-case's own data. For the simulated
// department systems (sim/departments) and the demo driver (src/cli/demo-drive.ts) — never for a real
// unit. Deterministic per (sub-case, field), so a retried approval sends the same values.
import { createHash } from 'node:crypto';
import { isValidResidentId, makeCreditCode, makeResidentId } from './identifiers.ts';

export interface ResultFieldSpec {
  code: string;
  /** text | certificateNo | code | date | money (the dictionary's type) */
  type?: string | undefined;
  /** a code's table (the dictionary's values), when it has one */
  values?: readonly string[] | undefined;
}

export interface ResultSubject {
  subcaseId: string;
  matterCode: string;
  unitCode: string;
  /** the sub-case's data slice: element code → value */
  data?: Readonly<Record<string, unknown>> | undefined;
  now: Date;
}

export type ResultValue = string | number | boolean;

const CHINA_MS = 8 * 3_600_000;
const chinaDay = (d: Date) => new Date(d.getTime() + CHINA_MS).toISOString().slice(0, 10);
const addYears = (day: string, n: number) => `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;

/** The document-number prefix (简称) a unit puts on its decisions: 长发改, 长住建, … */
const UNIT_PREFIX: Record<string, string> = {
  'city-development-reform': '长发改', 'city-housing-construction': '长住建', 'city-natural-resources': '长自然资源',
  'city-civil-air-defence': '长人防', 'city-urban-management': '长城管', 'city-approval': '长审批', 'city-national-security': '长国安',
  'city-hrss': '长人社', 'city-health': '长卫健', 'city-medical-insurance': '长医保', 'city-civil-affairs': '长民政', 'city-police': '长公',
  'city-tax': '长税', 'city-market-regulation': '长市监', 'city-fire-rescue': '长消', 'city-meteorology': '长气', 'city-education': '长教',
  'city-industry-it': '长工信', 'city-housing-fund': '长公积金', 'city-veterans': '长退役', 'city-disabled-federation': '长残联',
  'city-party-organization': '长组', 'city-public-resources': '长公资', 'city-government': '长政',
};
const prefixOf = (unitCode: string) => UNIT_PREFIX[unitCode] ?? (unitCode.startsWith('city-') ? '长' : '长区');

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The 6-digit division of the subject: from an ID number in the data, else Furong District. */
function divisionOf(data: Readonly<Record<string, unknown>>): string {
  for (const key of ['applicant.id-number', 'deceased.id-number', 'mother.id-number', 'father.id-number', 'enterprise.legal-rep-id-number']) {
    const id = text(data[key]);
    if (id && isValidResidentId(id)) return id.slice(0, 6);
  }
  const credit = text(data['enterprise.credit-code']);
  return credit && /^\d{6}$/.test(credit.slice(2, 8)) ? credit.slice(2, 8) : '430102';
}

export function sampleResultValue(field: ResultFieldSpec, s: ResultSubject): ResultValue {
  const data = s.data ?? {};
  const hash = createHash('sha512').update(`${s.subcaseId}:${field.code}`).digest();
  // 150 decimal digits from the hash, taken in turn: each part of a number gets digits of its own
  const pool = [0, 16, 32, 48].map((i) => BigInt(`0x${hash.subarray(i, i + 16).toString('hex')}`).toString().padStart(38, '0').slice(-37)).join('');
  let cursor = 0;
  const digits = (n: number) => {
    const out = pool.slice(cursor, cursor + n);
    cursor = (cursor + n) % (pool.length - 40);
    return out;
  };
  const serial = (n: number) => digits(n).replace(/^0/, '1'); // no leading zero where a person would read a number
  const today = chinaDay(s.now);
  const year = today.slice(0, 4);
  const division = divisionOf(data);
  const prefix = prefixOf(s.unitCode);
  const docNo = (kind = '') => `${prefix}${kind}〔${year}〕${Number(digits(3)) + 1}号`;
  const personId = (birthKey: string, genderKey?: string) => {
    const birth = text(data[birthKey]) ?? addYears(today, -30);
    const odd = genderKey ? text(data[genderKey]) !== '2' : Number(digits(1)) % 2 === 1;
    const seq = Number(digits(2)) * 10 + (odd ? 1 : 2) + (Number(digits(1)) % 4) * 2;
    return makeResidentId(division, birth, seq % 1000);
  };
  const applicantId = () => {
    const id = text(data['applicant.id-number']) ?? text(data['employee.id-number']);
    return id && isValidResidentId(id) ? id : personId('applicant.birth-date');
  };

  switch (field.code) {
    // ---------- people ----------
    case 'childName': return text(data['child.name']) ?? '张小禾';
    case 'birthDate': return text(data['child.birth-date']) ?? today;
    case 'gender': return text(data['child.gender']) ?? text(data['applicant.gender']) ?? '1'; // GB/T 2261.1: 1 男, 2 女
    case 'deathDate': return text(data['deceased.death-date']) ?? today;
    case 'idNumber':
      // a newborn's first registration gets a new number; a renewal or restoration keeps the person's own
      if (s.matterCode === 'household-registration') return personId('child.birth-date', 'child.gender');
      return applicantId();
    case 'socialInsuranceNo': return applicantId(); // 社会保障号码 is the resident ID number
    case 'validTo': return addYears(today, 20);
    case 'validUntil': return addYears(today, 5);
    case 'householdNo': return serial(9);
    case 'disabilityCategory': return text(data['disability.category']) ?? '4';
    case 'disabilityLevel': return text(data['disability.level']) ?? '3';
    case 'verificationResult': return '核验一致';
    // ---------- enterprises ----------
    case 'creditCode': {
      const own = text(data['enterprise.credit-code']);
      return own && s.matterCode !== 'enterprise-establishment-registration' ? own : makeCreditCode(`9143${division.slice(2)}MA`, hash);
    }
    case 'enterpriseName': return text(data['enterprise.name']) ?? '长沙示例餐饮有限公司';
    case 'legalRepName': return text(data['enterprise.legal-rep-name']) ?? text(data['applicant.name']) ?? '赵六';
    case 'address': return text(data['enterprise.address']) ?? '湖南省长沙市芙蓉区五里牌街道示例路 8 号';
    case 'creditRating': return 'A级';
    case 'lenderName': return '长沙银行股份有限公司';
    case 'bidWinnerName': return text(data['project.bid-winner-name']) ?? '湖南示例建设工程有限公司';
    // ---------- numbers in their real formats ----------
    case 'certificateNo': return certificateNo(s, { digits, serial, year, division, prefix, applicantId, data });
    case 'licenceNo':
      // 食品经营许可证: JY, the main business form (1 = 食品销售, 2 = 餐饮服务 …), the division, a 6-digit serial and its check digit
      if (s.matterCode === 'food-business-licence' || s.matterCode === 'business-licence-and-operating-permits') return `JY2${division}${digits(7)}`;
      return `${prefix}消安检字〔${year}〕第${digits(4)}号`;
    case 'permitNo': return `${division}${today.slice(2).replaceAll('-', '')}${digits(2)}01${digits(2)}`; // 施工许可证: division, date, serial, section
    case 'unitNo': return `${division}${digits(3)}${digits(3)}GB${digits(5)}F${digits(8)}`; // 不动产单元号 (GB/T 37346)
    case 'contractNo': return `WQ${year}${digits(8)}`;
    case 'cardNo': return `H${digits(8)}`; // 社会保障卡卡号: a letter and 8 digits
    case 'insuredNo': return `${division}${digits(10)}`;
    case 'socialInsuranceUnitNo': return `${division}${digits(8)}`;
    case 'fundPersonalAccount': return `${digits(12)}`;
    case 'fundUnitAccount': return `${serial(10)}`;
    case 'accountNo': case 'powerAccountNo': return `07${digits(8)}`;
    case 'gasAccountNo': return `1${digits(9)}`;
    case 'waterAccountNo': return `3${digits(9)}`;
    case 'taxReceiptNo': case 'taxPaymentCertNo': case 'paymentVoucherNo': return `3${year.slice(2)}43${division.slice(2)}${digits(11)}`; // 电子税票号码
    case 'invoiceNo': return `${year.slice(2)}43${digits(16)}`; // 数电发票号码: 20 digits
    case 'taxClearanceNo': return `${prefix} 税企清〔${year}〕${Number(digits(4)) + 1}号`;
    case 'approvalNo': return docNo('审');
    case 'filingNo': return docNo('备');
    case 'acceptanceNo': return docNo('验');
    case 'reviewCertNo': return `施审${year}${division}${digits(4)}`;
    case 'verificationNo': return docNo('核');
    case 'supervisionNo': return docNo('监');
    case 'archiveAcceptanceNo': return docNo('档验');
    case 'cancellationNo': return `${prefix}户销字〔${year}〕${digits(6)}号`;
    case 'retirementApprovalNo': return docNo('退');
    case 'tradeNo': return `CSGGZY-${year}-${digits(6)}`;
    case 'sealFilingNo': case 'registrationNo': case 'reportNo': case 'archiveNo': case 'appointmentNo': case 'transferNo': case 'receiptNo':
    case 'paymentNo': case 'assessmentNo': case 'settlementNo': case 'withdrawalNo': case 'guaranteeNo': case 'creditReportNo':
      return `${division}${year}${digits(8)}`;
    case 'pensionStartDate': {
      const [y, m] = today.split('-').map(Number) as [number, number];
      return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    }
    case 'invoiceQuota': return 100_000;
    case 'loanAmount': return 500_000;
    case 'approvedAmount': return typeof data['policy.amount'] === 'number' ? data['policy.amount'] : 200_000;
  }
  // a field the dictionary will know later: by its type
  switch (field.type) {
    case 'date': return today;
    case 'money': case 'number': return Number(digits(4)) + 1;
    case 'boolean': return true;
    case 'code': return field.values?.[0] ?? makeCreditCode(`9143${division.slice(2)}MA`, hash);
    case 'text': return '准予办理';
  }
  return `${division}${year}${digits(8)}`;
}

interface Parts {
  digits: (n: number) => string;
  serial: (n: number) => string;
  year: string;
  division: string;
  prefix: string;
  applicantId: () => string;
  data: Readonly<Record<string, unknown>>;
}

/** 证书编号: the format of the certificate the matter issues. */
function certificateNo(s: ResultSubject, p: Parts): string {
  switch (s.matterCode) {
    case 'birth-medical-certificate': return `Q43${p.digits(7)}`; // 出生医学证明: a letter and 9 digits
    case 'marriage-registration': return `J${p.division}-${p.year}-${p.digits(6)}`; // 结婚证字号
    case 'real-estate-registration': return `湘(${p.year})长沙市不动产权第${p.digits(7)}号`;
    case 'disability-certificate': return `${p.applicantId()}${text(p.data['disability.category']) ?? '4'}${text(p.data['disability.level']) ?? '3'}`; // 残疾人证号: ID number, category, level
    case 'death-certificate-natural': return `${p.division}${p.year}${p.digits(6)}`;
    case 'death-certificate-unnatural': return `${p.prefix}死证字〔${p.year}〕第${p.digits(5)}号`;
    case 'cremation-certificate': return `长殡火证${p.year}第${p.digits(6)}号`;
    case 'construction-land-planning-permit': return `地字第${p.division}${p.year}${p.digits(5)}号`;
    case 'land-preexamination-site-selection': return `用字第${p.division}${p.year}${p.digits(5)}号`;
    case 'teacher-qualification-certificate': return `${p.year}43${p.digits(11)}`; // 教师资格证书号码: 17 digits
    case 'vaccination-certificate': return `${p.division}${p.digits(12)}`;
    case 'vocational-qualification-certificate': return `S${p.division}${p.year.slice(2)}${p.digits(9)}`;
    case 'veteran-officer-certificates': return `${p.prefix}退役证字第${p.digits(6)}号`;
  }
  return `${p.prefix}证字〔${p.year}〕第${p.digits(6)}号`;
}

/** Values for every field of a result. */
export function sampleResultFields(fields: readonly ResultFieldSpec[], s: ResultSubject): Record<string, ResultValue> {
  return Object.fromEntries(fields.map((f) => [f.code, sampleResultValue(f, s)]));
}
