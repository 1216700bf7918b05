// Synthetic people, places and registry rows. Deterministic from a seed so that a generated data set
// can be rebuilt identically for a benchmark, and consistent across registries (the father on a birth
// record is the husband on the marriage record and the head of the household).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { makeCreditCode, makeResidentId } from '../../src/platform/identifiers.ts';
import type { RecordFields, RegistryRow } from './registry-data.ts';

export type Rng = () => number;

/** mulberry32: tiny, fast and good enough for synthetic data; Math.random cannot be seeded. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
export const between = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
export const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');

// Surnames roughly by frequency, with the ones common in Hunan (谭, 彭, 曾, 贺, 易, 龙) well represented.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢谭廖贺易龙向汤周李王刘陈杨黄彭谭'.split('');
const MALE_CHARS = '伟强磊军勇杰涛斌超明刚平辉鹏浩宇轩睿博文俊豪志鑫宏建华国庆子航一鸣泽楷'.split('');
const FEMALE_CHARS = '芳娜敏静丽艳娟霞燕玲婷雪琳洁颖欣怡梓涵诗雨佳琪晨曦若彤思语'.split('');

export type Gender = '1' | '2';

export function chineseName(rng: Rng, gender: Gender, surname?: string): string {
  const chars = gender === '1' ? MALE_CHARS : FEMALE_CHARS;
  const given = rng() < 0.7 ? pick(rng, chars) + pick(rng, chars) : pick(rng, chars);
  return (surname ?? pick(rng, SURNAMES)) + given;
}

export interface Street {
  code: string;
  name: string;
  district: string;
}

const DISTRICT_NAMES: Record<string, string> = {
  '430102': '芙蓉区', '430103': '天心区', '430104': '岳麓区', '430105': '开福区', '430111': '雨花区',
  '430112': '望城区', '430121': '长沙县', '430181': '浏阳市', '430182': '宁乡市',
};

// Real road names per district so that addresses read as Changsha addresses.
const ROADS: Record<string, readonly string[]> = {
  '430102': ['五一大道', '韶山北路', '蔡锷中路', '人民东路', '八一路', '文艺路'],
  '430103': ['书院路', '劳动西路', '芙蓉南路', '新开铺路', '湘府西路'],
  '430104': ['麓山南路', '枫林三路', '金星中路', '银盆岭路', '岳麓大道'],
  '430105': ['湘雅路', '芙蓉中路', '三一大道', '北辰东路', '洪山路'],
  '430111': ['万家丽中路', '韶山中路', '劳动东路', '香樟路', '曙光中路'],
  '430112': ['雷锋大道', '郭亮路', '金星北路', '旺旺路'],
  '430121': ['开元东路', '星沙大道', '东六路', '板仓路'],
  '430181': ['金沙路', '白沙路', '劳动路', '淮川路'],
  '430182': ['玉潭路', '一环路', '花明路', '金洲大道'],
};

let streetsCache: Street[] | undefined;
/** The streets of catalog/divisions, so that generated division codes are ones Yijian routes. */
export function changshaStreets(): Street[] {
  if (streetsCache) return streetsCache;
  const file = new URL('../../catalog/divisions/streets.yaml', import.meta.url);
  const rows = parse(readFileSync(file, 'utf8')) as Array<{ code: string; name: string; parent: string }>;
  streetsCache = rows.map((r) => ({ code: r.code, name: r.name, district: r.parent }));
  return streetsCache;
}

export const districtName = (code: string): string => DISTRICT_NAMES[code.slice(0, 6)] ?? '长沙市';

export function streetOf(code: string): Street | undefined {
  return changshaStreets().find((s) => s.code === code);
}

export function homeAddress(rng: Rng, street: Street): string {
  const road = pick(rng, ROADS[street.district] ?? ['人民路']);
  return `湖南省长沙市${districtName(street.district)}${street.name}${road}${between(rng, 1, 899)}号${between(rng, 1, 30)}栋${between(rng, 1, 33)}${String(between(rng, 1, 6)).padStart(2, '0')}室`;
}

export interface Person {
  name: string;
  idNumber: string;
  gender: Gender;
  birthDate: string;
  /** where the household is registered: a 9-digit street in Changsha, a 6-digit county elsewhere */
  divisionCode: string;
  address: string;
  ethnicity: string;
}

export const genderOfId = (idNumber: string): Gender => (Number(idNumber[16]) % 2 === 1 ? '1' : '2');
export const birthDateOfId = (idNumber: string): string => `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

// ---------- registry rows ----------

export function householdRow(p: Person, h: { householdNo: string; head: Person; relationToHead: string; members: Person[]; childIdNumber?: string }): RegistryRow {
  const record: RecordFields = {
    householdNo: h.householdNo, name: p.name, idNumber: p.idNumber, gender: p.gender, birthDate: p.birthDate, ethnicity: p.ethnicity,
    address: p.address, divisionCode: p.divisionCode, relationToHead: h.relationToHead, headName: h.head.name, headIdNumber: h.head.idNumber,
    members: h.members.map((m) => ({ name: m.name, idNumber: m.idNumber })),
    registrationAuthority: `长沙市公安局${districtName(p.divisionCode)}分局${streetOf(p.divisionCode)?.name.replace(/街道|镇$/, '') ?? ''}派出所`,
  };
  if (h.childIdNumber) record.childIdNumber = h.childIdNumber;
  return { resource: 'household', keys: { idNumber: [p.idNumber] }, sortKey: '0', record };
}

export const HOSPITALS = [
  { name: '湖南省妇幼保健院', district: '430105' },
  { name: '中南大学湘雅医院', district: '430105' },
  { name: '湖南省人民医院', district: '430102' },
  { name: '长沙市妇幼保健院', district: '430111' },
  { name: '中南大学湘雅三医院', district: '430104' },
  { name: '长沙市中心医院', district: '430103' },
] as const;

export function birthRow(b: { certificateNo: string; child: Pick<Person, 'name' | 'gender' | 'birthDate'>; birthTime: string; hospital: (typeof HOSPITALS)[number]; birthWeight: number; gestationalWeeks: number; mother: Person; father: Person }): RegistryRow {
  return {
    resource: 'birth',
    keys: { idNumber: [b.mother.idNumber, b.father.idNumber], certificateNo: [b.certificateNo] },
    sortKey: b.child.birthDate,
    record: {
      certificateNo: b.certificateNo, childName: b.child.name, gender: b.child.gender, birthDate: b.child.birthDate, birthTime: b.birthTime,
      birthPlace: `湖南省长沙市${districtName(b.hospital.district)}`, hospital: b.hospital.name, birthWeight: b.birthWeight, gestationalWeeks: b.gestationalWeeks,
      motherName: b.mother.name, motherIdNumber: b.mother.idNumber, fatherName: b.father.name, fatherIdNumber: b.father.idNumber,
      issuer: b.hospital.name,
    },
  };
}

export function personInsuranceRow(p: Person, s: { pensionType: 'enterprise' | 'institution' | 'resident'; insuredType: 'employee' | 'flexible' | 'resident'; employer?: Company; workStartDate: string; employmentStartDate?: string; contributionYears: number; contributionMonths: number; priorInsuredRegion?: string; retired?: boolean }): RegistryRow {
  const record: RecordFields = {
    idNumber: p.idNumber, name: p.name, personalNo: p.idNumber, pensionType: s.pensionType, insuredType: s.insuredType,
    insuredStatus: s.retired ? 'retired' : 'working', workStartDate: s.workStartDate, contributionYears: s.contributionYears,
    contributionMonths: s.contributionMonths, insuredRegion: '湖南省长沙市', status: '正常参保',
  };
  if (s.employer) Object.assign(record, { employerName: s.employer.name, employerCreditCode: s.employer.creditCode });
  if (s.employmentStartDate) record.employmentStartDate = s.employmentStartDate;
  if (s.priorInsuredRegion) record.priorInsuredRegion = s.priorInsuredRegion;
  return { resource: 'social-insurance', keys: { idNumber: [p.idNumber] }, sortKey: '0', record };
}

export interface Company {
  creditCode: string;
  name: string;
  type: 'limited-company' | 'joint-stock' | 'sole-proprietorship' | 'partnership' | 'branch';
  legalRep: Person;
  /** 授权经办人: people the enterprise has authorised to act for it (besides the legal representative) */
  agents?: Person[];
  registeredCapital: number;
  businessScope: string;
  establishedDate: string;
  shareholders: string;
  address: string;
  operatingAddress: string;
  bankName: string;
  bankAccount: string;
  financeContactName: string;
  financeContactPhone: string;
  divisionCode: string;
}

export function companyRow(c: Company): RegistryRow {
  return {
    resource: 'company',
    keys: { creditCode: [c.creditCode] },
    sortKey: c.establishedDate,
    record: {
      creditCode: c.creditCode, name: c.name, type: c.type, legalRepName: c.legalRep.name, legalRepIdNumber: c.legalRep.idNumber,
      registeredCapital: c.registeredCapital, businessScope: c.businessScope, establishedDate: c.establishedDate, shareholders: c.shareholders,
      address: c.address, operatingAddress: c.operatingAddress, bankName: c.bankName, bankAccount: c.bankAccount,
      financeContactName: c.financeContactName, financeContactPhone: c.financeContactPhone,
      authorisedAgents: (c.agents ?? []).map((a) => ({ name: a.name, idNumber: a.idNumber })),
      registrationAuthority: `长沙市${districtName(c.divisionCode)}市场监督管理局`, status: '存续',
      agents: (c.agents ?? []).map((a) => ({ name: a.name, idNumber: a.idNumber })),
    },
  };
}

export function unitInsuranceRow(c: Company, unitNo: string, insuredCount: number): RegistryRow {
  return {
    resource: 'social-insurance',
    keys: { creditCode: [c.creditCode] },
    sortKey: '0',
    record: { creditCode: c.creditCode, unitName: c.name, unitNo, insuredCount, registeredDate: c.establishedDate, insuredRegion: '湖南省长沙市', status: '正常参保' },
  };
}

export interface Property {
  certificateNo: string;
  /** 28 characters: 19-character parcel code (宗地代码) + F + 8-digit building and unit */
  unitNo: string;
  address: string;
  buildingArea: number;
  usage: 'residential' | 'commercial' | 'office' | 'industrial' | 'other';
  landArea: number;
  landUse: 'commercial' | 'residential' | 'industrial' | 'public' | 'transport' | 'other';
  registeredDate: string;
}

export function makeUnitNo(rng: Rng, streetCode: string): string {
  return `${streetCode}${digits(rng, 3)}GB${digits(rng, 5)}F${digits(rng, 8)}`;
}

export function realEstateRow(owners: ReadonlyArray<{ name: string; idNumber?: string; creditCode?: string }>, p: Property): RegistryRow {
  const first = owners[0]!;
  return {
    resource: 'real-estate',
    keys: {
      idNumber: owners.flatMap((o) => (o.idNumber ? [o.idNumber] : [])),
      creditCode: owners.flatMap((o) => (o.creditCode ? [o.creditCode] : [])),
      certificateNo: [p.certificateNo],
    },
    sortKey: p.registeredDate,
    record: {
      certificateNo: p.certificateNo, unitNo: p.unitNo, parcelNo: p.unitNo.slice(0, 19), address: p.address,
      ownerName: owners.map((o) => o.name).join('、'), ownerIdNumber: first.idNumber ?? first.creditCode ?? '',
      ownershipType: owners.length > 1 ? 'joint' : 'sole', buildingArea: p.buildingArea, usage: p.usage,
      landArea: p.landArea, landUse: p.landUse, registeredDate: p.registeredDate, status: '现势',
    },
  };
}

/** A marriage is stored from each spouse's side, because callers ask "who is this person's spouse?". */
export function marriageRows(a: Person, b: Person, m: { certificateNo: string; registrationDate: string; authority: string }): RegistryRow[] {
  return [
    [a, b],
    [b, a],
  ].map(([self, spouse]) => ({
    resource: 'marriage' as const,
    keys: { idNumber: [self!.idNumber], certificateNo: [m.certificateNo] },
    sortKey: m.registrationDate,
    record: {
      certificateNo: m.certificateNo, name: self!.name, idNumber: self!.idNumber, spouseName: spouse!.name, spouseIdNumber: spouse!.idNumber,
      registrationType: 'marriage', registrationDate: m.registrationDate, registrationAuthority: m.authority, status: '已婚',
    },
  }));
}

export function residencePermitRow(p: Person, r: { permitNo: string; address: string; divisionCode: string; issueDate: string }): RegistryRow {
  return {
    resource: 'residence-permit',
    keys: { idNumber: [p.idNumber], certificateNo: [r.permitNo] },
    sortKey: r.issueDate,
    record: {
      permitNo: r.permitNo, name: p.name, idNumber: p.idNumber, gender: p.gender, address: r.address, divisionCode: r.divisionCode,
      householdAddress: p.address, issueDate: r.issueDate, validUntil: addDays(r.issueDate, 365), issuer: `长沙市公安局${districtName(r.divisionCode)}分局`,
      status: '有效',
    },
  };
}

export { makeCreditCode, makeResidentId };
