// Registry records for Yijian's demo accounts, so that prefill works in a walk-through: 张三 has just had
// a child (newborn theme), 李四 has a school-age child, 王奶奶 is retired, and the enterprise account's
// company is registered with its legal representative.
import { DEMO_ACCOUNTS, DEMO_COMPANY } from '../../src/modules/identity/index.ts';
import type { RegistryRow } from './registry-data.ts';
import {
  addDays, birthDateOfId, makeCreditCode, birthRow, companyRow, genderOfId, HOSPITALS, householdRow, isoDate, makeResidentId, marriageRows,
  personInsuranceRow, realEstateRow, residencePermitRow, unitInsuranceRow, type Company, type Person,
} from './synth.ts';

// The identity module exports names but not the profiles' ID numbers; these are the arguments its
// seed passes to makeResidentId. A test seeds Yijian's demo accounts and checks they still agree.
const DEMO_ID_ARGS: Record<string, [division: string, birthDate: string, seq: number]> = {
  citizen: ['430102', '1990-03-07', 131],
  citizen2: ['430104', '1986-11-20', 215],
  elder: ['430103', '1945-06-18', 48],
  enterprise: ['430105', '1982-09-09', 337],
};

const DEMO_HOMES: Record<string, { divisionCode: string; address: string }> = {
  citizen: { divisionCode: '430102001', address: '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室' },
  citizen2: { divisionCode: '430104002', address: '湖南省长沙市岳麓区岳麓街道示例小区 1 栋 101 室' },
  elder: { divisionCode: '430103002', address: '湖南省长沙市天心区坡子街街道示例社区 5 号' },
  enterprise: { divisionCode: '430105002', address: '湖南省长沙市开福区东风路街道示例小区 8 栋 602 室' },
};

function demoPerson(username: string): Person {
  const account = DEMO_ACCOUNTS.find((a) => a.username === username);
  const args = DEMO_ID_ARGS[username];
  const home = DEMO_HOMES[username];
  if (!account || !args || !home) throw new Error(`demo-seed: no demo account "${username}" — has identity/demo-accounts.ts changed?`);
  const idNumber = makeResidentId(...args);
  return { name: account.name, idNumber, gender: genderOfId(idNumber), birthDate: birthDateOfId(idNumber), ...home, ethnicity: '汉族' };
}

function person(name: string, idNumber: string, home: Pick<Person, 'divisionCode' | 'address'>): Person {
  return { name, idNumber, gender: genderOfId(idNumber), birthDate: birthDateOfId(idNumber), divisionCode: home.divisionCode, address: home.address, ethnicity: '汉族' };
}

export function demoPeople() {
  const zhangSan = demoPerson('citizen');
  const liSi = demoPerson('citizen2');
  const grandmaWang = demoPerson('elder');
  const zhaoLiu = demoPerson('enterprise');
  const liuTing = person('刘婷', makeResidentId('430103', '1992-08-15', 262), zhangSan);
  const chenJing = person('陈静', makeResidentId('430111', '1988-04-02', 84), liSi);
  const liZixuan = person('李子轩', makeResidentId('430104', '2020-06-12', 51), liSi);
  const qianWei = person('钱伟', makeResidentId('430102', '1978-04-12', 173), { divisionCode: '430102008', address: '湖南省长沙市芙蓉区五里牌街道示例小区 6 栋 901 室' });
  // someone registered in Hubei who lives in Changsha, for residence-permit prefill
  const zhouJieming = person('周杰明', makeResidentId('420106', '1995-01-23', 377), { divisionCode: '420106', address: '湖北省武汉市武昌区中南路示例小区 2 栋 501 室' });
  // 孙丽, the demo company's finance contact: a Changsha resident without a Yijian account (she can register)
  const sunLi = person('孙丽', makeResidentId('430102', '1993-05-16', 86), { divisionCode: '430102008', address: '湖南省长沙市芙蓉区五里牌街道示例小区 9 栋 503 室' });
  return { zhangSan, liSi, grandmaWang, zhaoLiu, liuTing, chenJing, liZixuan, qianWei, zhouJieming, sunLi };
}

export function demoCompany(legalRep: Person, agent: Person, moreAgents: Person[] = []): Company {
  return {
    creditCode: DEMO_COMPANY.creditCode, name: DEMO_COMPANY.name, type: 'limited-company', legalRep, agents: [agent, ...moreAgents], registeredCapital: 100,
    businessScope: '许可项目：餐饮服务；食品销售。一般项目：餐饮管理；外卖递送服务；食用农产品零售。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）',
    establishedDate: '2021-03-18',
    shareholders: `${legalRep.name}（${legalRep.idNumber}）认缴出资 60 万元，货币出资，2041-03-17 前缴足；${agent.name}（${agent.idNumber}）认缴出资 40 万元，货币出资，2041-03-17 前缴足`,
    address: '湖南省长沙市芙蓉区五里牌街道五一大道 389 号示例大厦 1205 室', operatingAddress: '湖南省长沙市芙蓉区五里牌街道五一大道 389 号示例大厦 1 楼 101 号门面',
    bankName: '长沙银行股份有限公司芙蓉支行', bankAccount: '800012345678901', financeContactName: '孙丽', financeContactPhone: '13974810025', divisionCode: '430102008',
  };
}

/** `today` places 张三's child a few days before it, so the newborn is always within the 90-day window. */
export function demoRows(today: Date = new Date()): RegistryRow[] {
  const p = demoPeople();
  // 陈静 is a second authorised agent, without a Yijian account yet (she can register as one)
  const company = demoCompany(p.qianWei, p.zhaoLiu, [p.chenJing]);
  const employer: Company = { ...company, agents: [], creditCode: makeCreditCode('91430104', 'demo-employer'), name: '湖南示例软件科技有限公司', divisionCode: '430104002' };
  const childBirthDate = addDays(isoDate(today), -12);
  return [
    // 张三 and 刘婷: married, one household with 张三 as head, the newborn not yet registered
    ...[p.zhangSan, p.liuTing].map((x, i) =>
      householdRow(x, { householdNo: '102001302', head: p.zhangSan, relationToHead: i === 0 ? '户主' : '妻', members: [p.zhangSan, p.liuTing] })),
    ...marriageRows(p.zhangSan, p.liuTing, { certificateNo: 'J430102-2019-000520', registrationDate: '2019-05-20', authority: '长沙市芙蓉区民政局' }),
    birthRow({
      certificateNo: 'R430261187', child: { name: '张一诺', gender: '2', birthDate: childBirthDate }, birthTime: '08:26',
      hospital: HOSPITALS[0], birthWeight: 3350, gestationalWeeks: 39, mother: p.liuTing, father: p.zhangSan,
    }),
    personInsuranceRow(p.zhangSan, { pensionType: 'enterprise', insuredType: 'employee', employer, workStartDate: '2012-07-01', employmentStartDate: '2016-07-01', contributionYears: 14, contributionMonths: 125, priorInsuredRegion: '广东省深圳市' }),
    personInsuranceRow(p.liuTing, { pensionType: 'enterprise', insuredType: 'flexible', workStartDate: '2014-09-01', employmentStartDate: '2014-09-01', contributionYears: 12, contributionMonths: 144 }),
    realEstateRow([p.zhangSan, p.liuTing], {
      certificateNo: '湘（2019）长沙市不动产权第0123456号', unitNo: '430102001003GB00127F00030302', address: p.zhangSan.address,
      buildingArea: 98.6, usage: 'residential', landArea: 21.4, landUse: 'residential', registeredDate: '2019-09-12',
    }),
    // 李四 and 陈静 with 李子轩, who starts primary school
    ...[p.liSi, p.chenJing, p.liZixuan].map((x, i) =>
      householdRow(x, { householdNo: '104002115', head: p.liSi, relationToHead: ['户主', '妻', '子'][i]!, members: [p.liSi, p.chenJing, p.liZixuan], childIdNumber: p.liZixuan.idNumber })),
    ...marriageRows(p.liSi, p.chenJing, { certificateNo: 'J430104-2016-001234', registrationDate: '2016-10-01', authority: '长沙市岳麓区民政局' }),
    birthRow({
      certificateNo: 'P430184562', child: { name: p.liZixuan.name, gender: '1', birthDate: p.liZixuan.birthDate }, birthTime: '14:05',
      hospital: HOSPITALS[4], birthWeight: 3520, gestationalWeeks: 40, mother: p.chenJing, father: p.liSi,
    }),
    personInsuranceRow(p.liSi, { pensionType: 'institution', insuredType: 'employee', workStartDate: '2009-09-01', employmentStartDate: '2009-09-01', contributionYears: 17, contributionMonths: 206 }),
    realEstateRow([p.liSi], {
      certificateNo: '湘（2017）长沙市不动产权第0456789号', unitNo: '430104002011GB00315F00010101', address: p.liSi.address,
      buildingArea: 126.3, usage: 'residential', landArea: 30.2, landUse: 'residential', registeredDate: '2017-04-21',
    }),
    // 王奶奶: widowed and retired, so no marriage record on file
    householdRow(p.grandmaWang, { householdNo: '103002005', head: p.grandmaWang, relationToHead: '户主', members: [p.grandmaWang] }),
    personInsuranceRow(p.grandmaWang, { pensionType: 'enterprise', insuredType: 'employee', workStartDate: '1963-09-01', contributionYears: 37, contributionMonths: 444, retired: true }),
    realEstateRow([p.grandmaWang], {
      certificateNo: '湘（2008）长沙市不动产权第0012345号', unitNo: '430103002001GB00008F00050001', address: p.grandmaWang.address,
      buildingArea: 64.5, usage: 'residential', landArea: 18.0, landUse: 'residential', registeredDate: '2008-06-30',
    }),
    // 赵六, the enterprise account's agent, and his company
    householdRow(p.zhaoLiu, { householdNo: '105001077', head: p.zhaoLiu, relationToHead: '户主', members: [p.zhaoLiu] }),
    personInsuranceRow(p.zhaoLiu, { pensionType: 'enterprise', insuredType: 'employee', employer: company, workStartDate: '2004-07-01', employmentStartDate: '2021-04-01', contributionYears: 22, contributionMonths: 264 }),
    householdRow(p.qianWei, { householdNo: '102008166', head: p.qianWei, relationToHead: '户主', members: [p.qianWei] }),
    householdRow(p.sunLi, { householdNo: '102008203', head: p.sunLi, relationToHead: '户主', members: [p.sunLi] }),
    companyRow(company),
    unitInsuranceRow(company, '43010221000318', 18),
    realEstateRow([{ name: company.name, creditCode: company.creditCode }], {
      certificateNo: '湘（2021）长沙市不动产权第0234567号', unitNo: '430102008002GB00046F00010101', address: company.operatingAddress,
      buildingArea: 186.0, usage: 'commercial', landArea: 52.7, landUse: 'commercial', registeredDate: '2021-05-10',
    }),
    companyRow(employer),
    unitInsuranceRow(employer, '43010419000211', 240),
    // 周杰明: household in Wuhan, living in Yuelu on a residence permit
    residencePermitRow(p.zhouJieming, { permitNo: '430104202300012345', address: '湖南省长沙市岳麓区望月湖街道枫林三路 88 号 4 栋 702 室', divisionCode: '430104001', issueDate: addDays(isoDate(today), -200) }),
    personInsuranceRow(p.zhouJieming, { pensionType: 'enterprise', insuredType: 'employee', employer, workStartDate: '2017-07-01', employmentStartDate: '2023-03-01', contributionYears: 9, contributionMonths: 44, priorInsuredRegion: '湖北省武汉市' }),
  ];
}
