// One demo account for every role, all with the same password, so a visitor can walk through each
// audience of Yijian; and an officer for every unit a theme can route the demo applicants' sub-cases
// to that is not connected to a simulated department system (tests/demo-city.test.ts computes those
// units from the catalog and the routing, and fails when one is left without anyone to handle it).
// Seeding is idempotent: existing usernames are left as they are.
import type { TRoleName } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { makeResidentId } from '../../platform/identifiers.ts';
import { recordAudit } from '../audit/index.ts';
import { findDivision, findUnit } from '../org/index.ts';
import { existingUsernames, insertUserIfAbsent, type NewUser } from './identity.repo.ts';
import { hashPassword } from './password.ts';

export const DEMO_PASSWORD = 'Yijian@2023';

/** 长沙示例餐饮有限公司: a demo company registered in Furong District (valid GB 32100 code). */
export const DEMO_COMPANY = { name: '长沙示例餐饮有限公司', nameEn: 'Changsha Demo Catering Co., Ltd.', creditCode: '91430102MA4L1W3A7F' };

interface DemoAccount {
  username: string;
  role: TRoleName;
  name: string;
  nameEn: string;
  note: string;
  noteEn: string;
  user: Omit<NewUser, 'username' | 'role' | 'name' | 'passwordHash'>;
}

/** An officer of a unit (a clerk of the 二次录入 queue when the unit's adapter is manual). */
const officer = (username: string, unitCode: string, name: string, nameEn: string, note: string, noteEn: string): DemoAccount =>
  ({ username, role: 'officer', name, nameEn, note, noteEn, user: { unitCode } });

const DEMO: DemoAccount[] = [
  {
    username: 'citizen', role: 'citizen', name: '张三', nameEn: 'Zhang San',
    note: '芙蓉区文艺路街道居民', noteEn: 'resident of Wenyilu Subdistrict, Furong',
    user: {
      idNumber: makeResidentId('430102', '1990-03-07', 131), phone: '13807310001', email: 'zhangsan@example.cn',
      address: '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室', divisionCode: '430102001',
    },
  },
  {
    username: 'citizen2', role: 'citizen', name: '李四', nameEn: 'Li Si',
    note: '岳麓区岳麓街道居民', noteEn: 'resident of Yuelu Subdistrict, Yuelu',
    user: {
      idNumber: makeResidentId('430104', '1986-11-20', 215), phone: '13807310002',
      address: '湖南省长沙市岳麓区岳麓街道示例小区 1 栋 101 室', divisionCode: '430104002',
    },
  },
  {
    username: 'elder', role: 'citizen', name: '王奶奶', nameEn: 'Grandma Wang',
    note: '1945 年生，天心区坡子街街道居民（帮代办）', noteEn: 'born 1945, Pozijie Subdistrict, Tianxin (help-on-behalf)',
    user: {
      idNumber: makeResidentId('430103', '1945-06-18', 48), phone: '13907310003',
      address: '湖南省长沙市天心区坡子街街道示例社区 5 号', divisionCode: '430103002',
    },
  },
  {
    username: 'enterprise', role: 'enterprise', name: '赵六', nameEn: 'Zhao Liu',
    note: `${DEMO_COMPANY.name}经办人`, noteEn: `agent of ${DEMO_COMPANY.nameEn}`,
    user: {
      idNumber: makeResidentId('430105', '1982-09-09', 337), phone: '13607310004',
      address: '湖南省长沙市芙蓉区五里牌街道示例小区 2 栋 1201 室', divisionCode: '430102008',
      enterpriseCreditCode: DEMO_COMPANY.creditCode, enterpriseName: DEMO_COMPANY.name,
    },
  },
  {
    username: 'counter', role: 'counter', name: '陈晓', nameEn: 'Chen Xiao',
    note: '市民之家综合窗口', noteEn: 'one-stop counter, city service hall', user: { unitCode: 'city-approval' },
  },
  {
    username: 'officer-health', role: 'officer', name: '刘芳', nameEn: 'Liu Fang',
    note: '市卫生健康委审批人员', noteEn: 'officer, Health Commission', user: { unitCode: 'city-health' },
  },
  {
    username: 'officer-police', role: 'officer', name: '杨军', nameEn: 'Yang Jun',
    // household registration is a street-level matter: routed to the applicant's police station (张三 lives in 文艺路街道)
    note: '文艺路派出所户籍民警', noteEn: 'household registration officer, Wenyilu Police Station', user: { unitCode: 'furong-wenyilu-police' },
  },
  {
    username: 'officer-hrss', role: 'officer', name: '黄敏', nameEn: 'Huang Min',
    note: '市人社局经办人员', noteEn: 'officer, Human Resources and Social Security', user: { unitCode: 'city-hrss' },
  },
  {
    username: 'officer-medins', role: 'officer', name: '吴静', nameEn: 'Wu Jing',
    // resident medical insurance registration is a district-level matter: routed to the applicant's district bureau
    note: '芙蓉区医疗保障局经办人员', noteEn: 'officer, Furong District Healthcare Security Bureau', user: { unitCode: 'furong-medical-insurance' },
  },
  {
    // the civil affairs bureau's own system has no interface yet: its cases come as a 二次录入 queue
    username: 'officer-civil', role: 'officer', name: '周宁', nameEn: 'Zhou Ning',
    note: '市民政局经办人员（二次录入）', noteEn: 'officer, Civil Affairs Bureau (re-entry queue)', user: { unitCode: 'city-civil-affairs' },
  },
  {
    username: 'officer-tax', role: 'officer', name: '郑涛', nameEn: 'Zheng Tao',
    note: '市税务局经办人员', noteEn: 'officer, Tax Service', user: { unitCode: 'city-tax' },
  },
  // the 二次录入 clerk of 市住建局, whose own system has no interface either (a manual adapter)
  officer('officer-housing', 'city-housing-construction', '钱磊', 'Qian Lei', '市住建局经办人员（二次录入）', 'officer, Housing and Urban-Rural Development Bureau (re-entry queue)'),
  // the other demo applicants' police stations, social insurance centres, armed forces and veterans bureaus (district and street matters)
  officer('officer-police-tianxin', 'tianxin-pozijie-police', '罗志刚', 'Luo Zhigang', '坡子街派出所户籍民警（王奶奶）', 'household registration officer, Pozijie Police Station'),
  officer('officer-police-yuelu', 'yuelu-yuelu-police', '彭磊', 'Peng Lei', '岳麓派出所户籍民警（李四）', 'household registration officer, Yuelu Police Station'),
  officer('officer-hrss-furong', 'furong-hrss', '谢婷', 'Xie Ting', '芙蓉区社会保险服务中心经办人员', 'officer, Furong District Social Insurance Service Centre'),
  officer('officer-hrss-tianxin', 'tianxin-hrss', '唐丽', 'Tang Li', '天心区社会保险服务中心经办人员', 'officer, Tianxin District Social Insurance Service Centre'),
  officer('officer-hrss-yuelu', 'yuelu-hrss', '邓超', 'Deng Chao', '岳麓区社会保险服务中心经办人员', 'officer, Yuelu District Social Insurance Service Centre'),
  officer('officer-armed-furong', 'furong-armed-forces', '曾强', 'Zeng Qiang', '芙蓉区人民武装部', 'Furong District People\'s Armed Forces Department'),
  officer('officer-armed-tianxin', 'tianxin-armed-forces', '蒋伟', 'Jiang Wei', '天心区人民武装部', 'Tianxin District People\'s Armed Forces Department'),
  officer('officer-armed-yuelu', 'yuelu-armed-forces', '韩冰', 'Han Bing', '岳麓区人民武装部', 'Yuelu District People\'s Armed Forces Department'),
  officer('officer-veterans-furong', 'furong-veterans', '冯军', 'Feng Jun', '芙蓉区退役军人事务局', 'Furong District Veterans Affairs Bureau'),
  officer('officer-veterans-tianxin', 'tianxin-veterans', '于洋', 'Yu Yang', '天心区退役军人事务局', 'Tianxin District Veterans Affairs Bureau'),
  officer('officer-veterans-yuelu', 'yuelu-veterans', '董斌', 'Dong Bin', '岳麓区退役军人事务局', 'Yuelu District Veterans Affairs Bureau'),
  officer('officer-wulipai', 'furong-wulipai-centre', '袁梅', 'Yuan Mei', '五里牌街道便民服务中心（赵六的企业所在街道）', 'Wulipai Subdistrict Service Centre'),
  // city departments that work in Yijian's back office
  officer('officer-approval', 'city-approval', '许静', 'Xu Jing', '市行政审批服务局审批人员', 'officer, Administrative Approval Service Bureau'),
  officer('officer-ndrc', 'city-development-reform', '潘涛', 'Pan Tao', '市发展改革委审批人员', 'officer, Development and Reform Commission'),
  officer('officer-industry', 'city-industry-it', '程亮', 'Cheng Liang', '市工业和信息化局经办人员', 'officer, Bureau of Industry and Information Technology'),
  officer('officer-urban', 'city-urban-management', '魏东', 'Wei Dong', '市城管执法局审批人员', 'officer, Urban Management and Law Enforcement Bureau'),
  officer('officer-airdefence', 'city-civil-air-defence', '薛刚', 'Xue Gang', '市人防办审批人员', 'officer, Civil Air Defence Office'),
  officer('officer-weather', 'city-meteorology', '叶青', 'Ye Qing', '市气象局（防雷）审批人员', 'officer, Meteorological Bureau (lightning protection)'),
  officer('officer-security', 'city-national-security', '阎峰', 'Yan Feng', '市国安局审查人员', 'officer, National Security Bureau'),
  officer('officer-party', 'city-party-organization', '余红', 'Yu Hong', '市委组织部经办人员', 'officer, Organization Department'),
  officer('officer-disabled', 'city-disabled-federation', '杜娟', 'Du Juan', '市残联经办人员', 'officer, Disabled Persons\' Federation'),
  {
    // 单位管理员: manages the staff of 市卫生健康委 only (/admin/staff)
    username: 'unit-admin', role: 'unit_admin', name: '钱红', nameEn: 'Qian Hong',
    note: '市卫生健康委单位管理员', noteEn: 'unit administrator, Health Commission', user: { unitCode: 'city-health' },
  },
  {
    username: 'supervisor', role: 'supervisor', name: '孙立', nameEn: 'Sun Li',
    note: '电子监察与好差评督办', noteEn: 'e-supervision and ratings follow-up', user: {},
  },
  {
    username: 'hotline', role: 'hotline', name: '何晴', nameEn: 'He Qing',
    note: '12345 热线坐席', noteEn: '12345 hotline agent', user: {},
  },
  {
    username: 'catalog', role: 'catalog_admin', name: '马骏', nameEn: 'Ma Jun',
    note: '事项与主题目录管理员', noteEn: 'matter and theme catalog administrator', user: {},
  },
  {
    username: 'admin', role: 'platform_admin', name: '林海', nameEn: 'Lin Hai',
    note: '平台管理员', noteEn: 'platform administrator', user: {},
  },
];

/** For main.ts to print and the login page to offer: who can sign in with DEMO_PASSWORD (officers with their unit, applicants with their division). */
export const DEMO_ACCOUNTS: ReadonlyArray<Pick<DemoAccount, 'username' | 'role' | 'name' | 'nameEn' | 'note' | 'noteEn'> & { unitCode?: string; divisionCode?: string }> = DEMO.map(
  ({ username, role, name, nameEn, note, noteEn, user }) => ({
    username, role, name, nameEn, note, noteEn,
    ...(user.unitCode ? { unitCode: user.unitCode } : {}), ...(user.divisionCode ? { divisionCode: user.divisionCode } : {}),
  }),
);

/** Creates the missing demo accounts; needs the catalog's divisions and units to be loaded first. */
export async function seedDemoAccounts(db: Db): Promise<{ created: string[] }> {
  const existing = await existingUsernames(db, DEMO.map((a) => a.username));
  const missing = DEMO.filter((a) => !existing.has(a.username));
  for (const a of missing) {
    if (a.user.unitCode && !(await findUnit(db, a.user.unitCode)))
      throw new Error(`seedDemoAccounts: unit "${a.user.unitCode}" does not exist — load the catalog (npm run catalog:load) first`);
    if (a.user.divisionCode && !(await findDivision(db, a.user.divisionCode)))
      throw new Error(`seedDemoAccounts: division "${a.user.divisionCode}" does not exist — load the catalog (npm run catalog:load) first`);
  }
  const created: string[] = [];
  // outside any transaction, and in parallel on libuv's thread pool: scrypt is slow on purpose
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
  for (const [i, a] of missing.entries()) {
    const passwordHash = hashes[i]!;
    await db.transaction().execute(async (tx) => {
      const id = await insertUserIfAbsent(tx, { ...a.user, username: a.username, role: a.role, name: a.name, passwordHash });
      if (id === undefined) return; // another process seeded it meanwhile
      await recordAudit(tx, {
        actorId: null, actorRole: 'system', action: 'user.create', targetType: 'user', targetId: id,
        detail: { username: a.username, role: a.role, source: 'demo-seed' },
      });
      created.push(a.username);
    });
  }
  return { created };
}
