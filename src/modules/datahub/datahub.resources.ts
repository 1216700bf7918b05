// The data catalog (数据目录) of the resources Yijian reads instead of asking applicants for proofs.
// A typed constant rather than catalog files: it changes with code (the client and the registries'
// APIs), not with the matters and themes catalog administrators edit.
import { z } from 'zod';

export const DATAHUB_RESOURCE_CODES = ['household', 'birth', 'social-insurance', 'real-estate', 'residence-permit', 'marriage', 'company'] as const;
export const ZDatahubResourceCode = z.enum(DATAHUB_RESOURCE_CODES);
export type TDatahubResourceCode = z.infer<typeof ZDatahubResourceCode>;

/** 共享类型: 无条件 unconditional, 有条件 conditional (needs a cause and a matter), 不予共享 not shared. */
export type SharingType = '无条件' | '有条件' | '不予共享';
export type LookupKeyKind = 'idNumber' | 'creditCode' | 'certificateNo';

export interface DatahubField {
  name: string;
  zh: string;
  en: string;
}

export interface DatahubResource {
  code: TDatahubResourceCode;
  /** 资源代码 in the city's data catalog */
  catalogCode: string;
  name: { zh: string; en: string };
  /** unit code from catalog/units */
  providerUnit: string;
  category: string;
  summary: string;
  format: 'API';
  sharingType: SharingType;
  sharingConditions?: string;
  /** 更新周期 */
  updateCycle: '实时' | '每日' | '每月';
  lookupKeys: readonly LookupKeyKind[];
  fields: readonly DatahubField[];
}

const f = (name: string, zh: string, en: string): DatahubField => ({ name, zh, en });
const CONDITIONAL = '仅限办理政务服务事项时调用，须说明用数事由并记录审计';

export const DATAHUB_RESOURCES: readonly DatahubResource[] = [
  {
    code: 'household', catalogCode: '430100-GA-0001', name: { zh: '常住人口户籍信息', en: 'Household registration' }, providerUnit: 'city-police',
    category: '人口', summary: '户籍人口的户号、户籍地址、户内成员', format: 'API', sharingType: '有条件', sharingConditions: CONDITIONAL, updateCycle: '实时',
    lookupKeys: ['idNumber'],
    fields: [
      f('householdNo', '户号', 'Household number'), f('name', '姓名', 'Name'), f('idNumber', '公民身份号码', 'ID number'), f('gender', '性别', 'Gender'),
      f('birthDate', '出生日期', 'Date of birth'), f('ethnicity', '民族', 'Ethnic group'), f('address', '户籍地址', 'Registered address'),
      f('divisionCode', '户籍地区划代码', 'Division code'), f('relationToHead', '与户主关系', 'Relation to the head'), f('headName', '户主姓名', "Head's name"),
      f('headIdNumber', '户主公民身份号码', "Head's ID number"), f('members', '户内成员', 'Members'), f('childIdNumber', '户内未成年子女公民身份号码', "Minor child's ID number"),
      f('registrationAuthority', '户口登记机关', 'Registering police station'),
    ],
  },
  {
    code: 'birth', catalogCode: '430100-WJ-0003', name: { zh: '出生医学证明信息', en: 'Medical certificates of birth' }, providerUnit: 'city-health',
    category: '卫生健康', summary: '助产机构签发的出生医学证明', format: 'API', sharingType: '有条件', sharingConditions: CONDITIONAL, updateCycle: '实时',
    lookupKeys: ['idNumber', 'certificateNo'],
    fields: [
      f('certificateNo', '出生医学证明编号', 'Certificate number'), f('childName', '新生儿姓名', "Child's name"), f('gender', '性别', 'Gender'),
      f('birthDate', '出生日期', 'Date of birth'), f('birthTime', '出生时间', 'Time of birth'), f('birthPlace', '出生地点', 'Place of birth'),
      f('hospital', '助产机构', 'Hospital'), f('birthWeight', '出生体重（克）', 'Birth weight (g)'), f('gestationalWeeks', '出生孕周', 'Gestational weeks'),
      f('motherName', '母亲姓名', "Mother's name"), f('motherIdNumber', '母亲公民身份号码', "Mother's ID number"), f('fatherName', '父亲姓名', "Father's name"),
      f('fatherIdNumber', '父亲公民身份号码', "Father's ID number"), f('issuer', '签发机构', 'Issuer'),
    ],
  },
  {
    code: 'social-insurance', catalogCode: '430100-RS-0002', name: { zh: '社会保险参保信息', en: 'Social insurance enrolment' }, providerUnit: 'city-hrss',
    category: '社会保障', summary: '个人参保与缴费年限、单位参保登记', format: 'API', sharingType: '有条件', sharingConditions: CONDITIONAL, updateCycle: '每日',
    lookupKeys: ['idNumber', 'creditCode'],
    fields: [
      f('idNumber', '公民身份号码', 'ID number'), f('name', '姓名', 'Name'), f('personalNo', '个人社保编号', 'Personal insurance number'),
      f('pensionType', '养老保险险种', 'Pension scheme'), f('insuredType', '参保身份', 'Insured as'), f('insuredStatus', '参保人员类别', 'Working or retired'),
      f('employerName', '参保单位名称', 'Employer'), f('employerCreditCode', '参保单位统一社会信用代码', "Employer's credit code"),
      f('employmentStartDate', '本单位参保日期', 'Start with the employer'), f('workStartDate', '参加工作时间', 'First employment'),
      f('contributionYears', '累计缴费年限', 'Years of contributions'), f('contributionMonths', '本地累计缴费月数', 'Months in Changsha'),
      f('priorInsuredRegion', '原参保地', 'Previous insurance region'), f('insuredRegion', '参保地', 'Insurance region'), f('status', '参保状态', 'Status'),
      f('creditCode', '单位统一社会信用代码', "Unit's credit code"), f('unitName', '单位名称', 'Unit name'), f('unitNo', '单位社会保险登记编号', "Unit's insurance number"),
      f('insuredCount', '单位参保人数', 'Insured employees'), f('registeredDate', '单位参保登记日期', 'Unit registered on'),
    ],
  },
  {
    code: 'real-estate', catalogCode: '430100-ZR-0005', name: { zh: '不动产登记信息', en: 'Real estate registration' }, providerUnit: 'city-natural-resources',
    category: '自然资源', summary: '不动产权利、坐落、面积、用途与宗地', format: 'API', sharingType: '有条件', sharingConditions: CONDITIONAL, updateCycle: '实时',
    lookupKeys: ['idNumber', 'creditCode', 'certificateNo'],
    fields: [
      f('certificateNo', '不动产权证书号', 'Title certificate number'), f('unitNo', '不动产单元号', 'Unit number'), f('parcelNo', '宗地代码', 'Parcel code'),
      f('address', '坐落', 'Location'), f('ownerName', '权利人', 'Owner'), f('ownerIdNumber', '权利人证件号码', "Owner's ID number or credit code"),
      f('ownershipType', '共有情况', 'Form of ownership'), f('buildingArea', '建筑面积', 'Floor area'), f('usage', '房屋用途', 'Use'),
      f('landArea', '宗地面积', 'Land area'), f('landUse', '土地用途', 'Land use'), f('registeredDate', '登记日期', 'Registered on'), f('status', '权属状态', 'Status'),
    ],
  },
  {
    code: 'residence-permit', catalogCode: '430100-GA-0007', name: { zh: '居住证信息', en: 'Residence permits' }, providerUnit: 'city-police',
    category: '人口', summary: '流动人口居住证的号码、居住地址与有效期', format: 'API', sharingType: '有条件', sharingConditions: CONDITIONAL, updateCycle: '实时',
    lookupKeys: ['idNumber', 'certificateNo'],
    fields: [
      f('permitNo', '居住证号码', 'Permit number'), f('name', '姓名', 'Name'), f('idNumber', '公民身份号码', 'ID number'), f('gender', '性别', 'Gender'),
      f('address', '居住地址', 'Address of residence'), f('divisionCode', '居住地区划代码', 'Division code'), f('householdAddress', '户籍地址', 'Registered address'),
      f('issueDate', '签发日期', 'Issued on'), f('validUntil', '有效期至', 'Valid until'), f('issuer', '签发机关', 'Issuer'), f('status', '状态', 'Status'),
    ],
  },
  {
    code: 'marriage', catalogCode: '430100-MZ-0001', name: { zh: '婚姻登记信息', en: 'Marriage registration' }, providerUnit: 'city-civil-affairs',
    category: '民政', summary: '结婚登记：登记双方、证件字号与登记机关', format: 'API', sharingType: '有条件', sharingConditions: CONDITIONAL, updateCycle: '实时',
    lookupKeys: ['idNumber', 'certificateNo'],
    fields: [
      f('certificateNo', '结婚证字号', 'Certificate number'), f('name', '姓名', 'Name'), f('idNumber', '公民身份号码', 'ID number'),
      f('spouseName', '配偶姓名', "Spouse's name"), f('spouseIdNumber', '配偶公民身份号码', "Spouse's ID number"), f('registrationType', '登记类型', 'Kind of registration'),
      f('registrationDate', '登记日期', 'Registered on'), f('registrationAuthority', '登记机关', 'Registry office'), f('status', '婚姻状况', 'Marital status'),
    ],
  },
  {
    code: 'company', catalogCode: '430100-SJ-0001', name: { zh: '企业登记信息', en: 'Company registration' }, providerUnit: 'city-market-regulation',
    category: '市场主体', summary: '企业登记事项：名称、类型、法定代表人、注册资本、经营范围、股东', format: 'API', sharingType: '无条件', updateCycle: '实时',
    lookupKeys: ['creditCode'],
    fields: [
      f('creditCode', '统一社会信用代码', 'Credit code'), f('name', '企业名称', 'Name'), f('type', '企业类型', 'Type'), f('legalRepName', '法定代表人', 'Legal representative'),
      f('legalRepIdNumber', '法定代表人证件号码', "Legal representative's ID number"), f('registeredCapital', '注册资本（万元）', 'Registered capital (10,000 yuan)'),
      f('businessScope', '经营范围', 'Business scope'), f('establishedDate', '成立日期', 'Established on'), f('shareholders', '股东及出资', 'Shareholders'),
      f('address', '住所', 'Domicile'), f('operatingAddress', '经营场所', 'Premises'), f('bankName', '基本存款账户开户行', 'Bank'),
      f('bankAccount', '基本存款账号', 'Bank account'), f('financeContactName', '财务负责人', 'Chief financial officer'),
      f('financeContactPhone', '财务负责人电话', "CFO's phone"), f('registrationAuthority', '登记机关', 'Registration authority'), f('status', '登记状态', 'Status'),
      f('agents', '授权经办人', 'Authorised agents'), f('authorisedAgents', '授权经办人（姓名、证件号码）', 'Authorised agents (name, ID number)'),
    ],
  },
];

const BY_CODE = new Map(DATAHUB_RESOURCES.map((r) => [r.code, r]));

export function findDatahubResource(code: string): DatahubResource | undefined {
  return BY_CODE.get(code as TDatahubResourceCode);
}
