// One demo account for every role, all with the same password, so a visitor can walk through each
// audience of Yijian. Seeding is idempotent: existing usernames are left as they are.
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

/** For main.ts to print and the login page to offer: who can sign in with DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: ReadonlyArray<Pick<DemoAccount, 'username' | 'role' | 'name' | 'nameEn' | 'note' | 'noteEn'>> = DEMO.map(
  ({ username, role, name, nameEn, note, noteEn }) => ({ username, role, name, nameEn, note, noteEn }),
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
