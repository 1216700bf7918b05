// Bulk synthetic records for benchmarks, consistent across the seven registries:
//   node --import tsx sim/registries/generate.ts --count 100000 --data ./data/registries [--seed 1]
// `--count` is the number of people. The directory is emptied first and gets the demo records too, so
// the demo walk-through still works on a benchmark data set. Same seed, same data.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { demoRows } from './demo-seed.ts';
import type { RegistryRow } from './registry-data.ts';
import { appendRows, resetRegistries } from './store.ts';
import {
  addDays, between, birthRow, changshaStreets, chineseName, companyRow, createRng, digits, HOSPITALS, homeAddress, householdRow,
  districtName, makeCreditCode, makeResidentId, makeUnitNo, marriageRows, personInsuranceRow, pick,
  realEstateRow, residencePermitRow, unitInsuranceRow, type Company, type Gender, type Person, type Rng, type Street,
} from './synth.ts';

// Where people living in Changsha on a residence permit come from (GB/T 2260 county codes).
const ORIGINS = [
  { code: '420106', place: '湖北省武汉市武昌区' }, { code: '430602', place: '湖南省岳阳市岳阳楼区' }, { code: '431102', place: '湖南省永州市零陵区' },
  { code: '430302', place: '湖南省湘潭市雨湖区' }, { code: '360102', place: '江西省南昌市东湖区' }, { code: '440305', place: '广东省深圳市南山区' },
  { code: '431202', place: '湖南省怀化市鹤城区' }, { code: '500103', place: '重庆市渝中区' },
];

const BUSINESSES = [
  { suffix: '餐饮管理有限公司', scope: '许可项目：餐饮服务；食品销售。一般项目：餐饮管理。' },
  { suffix: '信息技术有限公司', scope: '一般项目：软件开发；信息技术咨询服务；信息系统集成服务。' },
  { suffix: '商贸有限公司', scope: '一般项目：日用百货销售；五金产品批发；电子产品销售。' },
  { suffix: '建筑工程有限公司', scope: '许可项目：建设工程施工。一般项目：园林绿化工程施工。' },
  { suffix: '文化传媒有限公司', scope: '一般项目：组织文化艺术交流活动；广告设计、代理；会议及展览服务。' },
];
const SHOP_WORDS = '湘江麓山星城橘洲岳麓芙蓉天心开福雨花望城浏阳宁乡梅溪洋湖金霞'.match(/../g)!;
const BANKS = ['长沙银行', '中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '湖南农商银行'];

export interface GenerateOptions {
  count: number;
  dataDir: string;
  seed?: number;
  today?: Date;
  onProgress?: (people: number, records: number) => void;
}

export interface GenerateResult {
  people: number;
  records: number;
}

function yearsBefore(today: Date, minYears: number, maxYears: number, rng: Rng): string {
  const year = today.getUTCFullYear() - between(rng, minYears, maxYears);
  const month = between(rng, 1, 12);
  const day = between(rng, 1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export async function generateRegistries(opts: GenerateOptions): Promise<GenerateResult> {
  const rng = createRng(opts.seed ?? 1);
  const today = opts.today ?? new Date();
  const streets = changshaStreets();
  const usedIds = new Set<string>();
  let serial = 0;
  let people = 0;
  let records = 0;
  let batch: RegistryRow[] = [];

  const flush = () => {
    appendRows(opts.dataDir, batch);
    records += batch.length;
    batch = [];
  };

  function newPerson(gender: Gender, birthDate: string, division: string, home: Pick<Person, 'divisionCode' | 'address'>, surname?: string): Person {
    for (;;) {
      const seq = between(rng, 0, 499) * 2 + (gender === '1' ? 1 : 0);
      const idNumber = makeResidentId(division, birthDate, seq);
      if (usedIds.has(idNumber)) continue;
      usedIds.add(idNumber);
      people++;
      return { name: chineseName(rng, gender, surname), idNumber, gender, birthDate, ...home, ethnicity: rng() < 0.92 ? '汉族' : pick(rng, ['土家族', '苗族', '侗族', '瑶族']) };
    }
  }

  const adultInsurance = (p: Person, employer?: Company): RegistryRow => {
    const age = today.getUTCFullYear() - Number(p.birthDate.slice(0, 4));
    const workStartDate = addDays(p.birthDate, (between(rng, 18, 24) * 365) + between(rng, 0, 300));
    const years = Math.max(0, Math.min(age - 20, between(rng, 1, 40)));
    return personInsuranceRow(p, {
      pensionType: rng() < 0.8 ? 'enterprise' : rng() < 0.5 ? 'institution' : 'resident',
      insuredType: employer ? 'employee' : rng() < 0.6 ? 'flexible' : 'resident',
      ...(employer ? { employer, employmentStartDate: addDays(workStartDate, between(rng, 0, 3000)) } : {}),
      workStartDate, contributionYears: years, contributionMonths: Math.max(0, Math.min(720, years * 12 - between(rng, 0, 11))),
      ...(rng() < 0.2 ? { priorInsuredRegion: pick(rng, ORIGINS).place.replace(/[^省市]+区$/, '') } : {}),
      retired: age >= 60,
    });
  };

  function makeCompany(legalRep: Person, street: Street): Company {
    const business = pick(rng, BUSINESSES);
    const name = `长沙${pick(rng, SHOP_WORDS)}${pick(rng, SHOP_WORDS)}${business.suffix}`;
    const creditCode = makeCreditCode(`9143${street.district.slice(2)}`, `generated-company-${serial++}`);
    const establishedDate = yearsBefore(today, 1, 20, rng);
    const capital = pick(rng, [10, 50, 100, 200, 500, 1000]);
    const address = homeAddress(rng, street).replace(/\d+栋\d+室$/, `${between(rng, 1, 30)}楼${between(rng, 1, 20)}号`);
    return {
      creditCode, name, type: rng() < 0.9 ? 'limited-company' : 'sole-proprietorship', legalRep, registeredCapital: capital, businessScope: business.scope,
      establishedDate, shareholders: `${legalRep.name}（${legalRep.idNumber}）认缴出资 ${capital} 万元，货币出资`, address, operatingAddress: address,
      bankName: `${pick(rng, BANKS)}长沙${street.name.replace(/街道|镇$/, '')}支行`, bankAccount: digits(rng, 16), financeContactName: chineseName(rng, rng() < 0.5 ? '1' : '2'),
      financeContactPhone: `1${pick(rng, ['38', '39', '58', '73', '87'])}${digits(rng, 8)}`, divisionCode: street.code,
    };
  }

  resetRegistries(opts.dataDir);
  batch.push(...demoRows(today));
  let reported = 0;
  // the household registry names a child on the household only while the child is a minor
  const yearsAgo18 = `${today.getUTCFullYear() - 18}${today.toISOString().slice(4, 10)}`;
  let lastCompany: Company | undefined;

  while (people < opts.count) {
    const street = pick(rng, streets);
    const nonLocal = rng() < 0.1;
    const origin = pick(rng, ORIGINS);
    const address = homeAddress(rng, street);
    const home = nonLocal ? { divisionCode: origin.code, address: `${origin.place}示例路${between(rng, 1, 300)}号` } : { divisionCode: street.code, address };
    const division = nonLocal ? origin.code : street.district;
    const head = newPerson('1', yearsBefore(today, 25, 75, rng), division, home);
    const kind = rng();
    const spouse = kind < 0.7 ? newPerson('2', addDays(head.birthDate, between(rng, -1500, 2500)), nonLocal ? origin.code : pick(rng, streets).district, home) : undefined;
    const childBirth = spouse && kind < 0.5 ? addDays(spouse.birthDate, between(rng, 24 * 365, 36 * 365)) : undefined;
    const child = childBirth && childBirth < today.toISOString().slice(0, 10)
      ? newPerson(rng() < 0.5 ? '1' : '2', childBirth, division, home, head.name.slice(0, 1))
      : undefined;
    const members = [head, spouse, child].filter((x): x is Person => x !== undefined);

    if (nonLocal) {
      for (const m of members) {
        if (m !== child) batch.push(residencePermitRow(m, { permitNo: `${street.district}${today.getUTCFullYear()}${String(serial++).padStart(8, '0')}`, address, divisionCode: street.code, issueDate: addDays(today.toISOString().slice(0, 10), -between(rng, 1, 360)) }));
      }
    } else {
      const householdNo = `${street.code.slice(3)}${String(serial++ % 1000).padStart(3, '0')}`;
      members.forEach((m, i) =>
        batch.push(householdRow(m, { householdNo, head, relationToHead: ['户主', '妻', m.gender === '1' ? '子' : '女'][i]!, members, ...(child && childBirth! > yearsAgo18 ? { childIdNumber: child.idNumber } : {}) })));
    }
    if (spouse) {
      const date = addDays(head.birthDate > spouse.birthDate ? head.birthDate : spouse.birthDate, between(rng, 22 * 365, 23 * 365 + 600));
      const certificateNo = `J${street.district}-${date.slice(0, 4)}-${String(serial++ % 1_000_000).padStart(6, '0')}`;
      batch.push(...marriageRows(head, spouse, { certificateNo, registrationDate: date, authority: `长沙市${districtName(street.district)}民政局` }));
    }
    if (spouse && child) {
      const hospital = pick(rng, HOSPITALS);
      batch.push(birthRow({
        certificateNo: `${pick(rng, ['N', 'P', 'Q', 'R', 'S'])}${String(430_000_000 + serial++).slice(-9)}`, child, birthTime: `${String(between(rng, 0, 23)).padStart(2, '0')}:${String(between(rng, 0, 59)).padStart(2, '0')}`,
        hospital, birthWeight: between(rng, 2500, 4200), gestationalWeeks: between(rng, 37, 41), mother: spouse, father: head,
      }));
    }
    if (!lastCompany || rng() < 0.05) {
      lastCompany = makeCompany(head, street);
      batch.push(companyRow(lastCompany), unitInsuranceRow(lastCompany, `${street.district}${digits(rng, 8)}`, between(rng, 1, 500)));
    }
    for (const adult of [head, spouse]) if (adult) batch.push(adultInsurance(adult, rng() < 0.7 ? lastCompany : undefined));
    if (!nonLocal && rng() < 0.6) {
      const year = between(rng, 2000, today.getUTCFullYear() - 1);
      batch.push(realEstateRow(spouse ? [head, spouse] : [head], {
        certificateNo: `湘（${year}）长沙市不动产权第${String(serial++ % 10_000_000).padStart(7, '0')}号`, unitNo: makeUnitNo(rng, street.code), address,
        buildingArea: Math.round((50 + rng() * 150) * 10) / 10, usage: 'residential', landArea: Math.round((10 + rng() * 40) * 10) / 10, landUse: 'residential',
        registeredDate: `${year}-${String(between(rng, 1, 12)).padStart(2, '0')}-${String(between(rng, 1, 28)).padStart(2, '0')}`,
      }));
    }
    if (batch.length >= 5_000) flush();
    if (people - reported >= 10_000) {
      reported = people - (people % 10_000);
      opts.onProgress?.(people, records + batch.length);
    }
  }
  flush();
  if (reported !== people) opts.onProgress?.(people, records);
  return { people, records };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, data: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive whole number, got "${values.count}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  if (!values.data) throw new Error('--data DIR is required');
  const started = Date.now();
  const result = await generateRegistries({
    count, seed, dataDir: values.data,
    onProgress: (p, r) => console.log(`generated ${p.toLocaleString('en')} / ${count.toLocaleString('en')} people, ${r.toLocaleString('en')} records (${((Date.now() - started) / 1000).toFixed(1)} s)`),
  });
  console.log(JSON.stringify({ event: 'done', ...result, dataDir: values.data, seconds: (Date.now() - started) / 1000 }));
}
