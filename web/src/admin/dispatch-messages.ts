// Texts of the 分发与对接 page and its dialogs, Simplified Chinese first.
import { usePrefs } from '../ui/prefs.tsx';

const zh = {
  title: '分发与对接', lead: '各单位的对接方式、投递失败（死信）、二次录入与对账差异。', adapters: '对接方式', unit: '单位', kind: '方式', endpoint: '接口地址', keys: '密钥', actions: '操作',
  dead: '死信（投递失败）', topic: '事件', key: '子件', attempts: '尝试次数', error: '最后错误', deadAt: '时间', resend: '重发', resent: '已重新投递',
  reentry: '二次录入（按单位）', pending: '待录入', entered: '已录入', drift: '对账差异', subcase: '子件', finding: '差异', yijian: '一件事', theirs: '单位系统', run: '立即对账', batch: (n: number) => `批量，每次至多 ${n} 件`,
  timeout: (ms: number) => `超时 ${ms} 毫秒`,
  ran: (c: number, f: number) => `已核对 ${c} 件，新发现差异 ${f} 处`, none: '无', refresh: '刷新',
  kinds: { 'back-office': '平台后台', push: '推送', pull: '拉取', manual: '人工二次录入' } as Record<string, string>,
  kindHelp: { 'back-office': '单位工作人员在一件事平台后台办理。', push: '一件事把子件推送到单位系统的接口地址（签名请求）。', pull: '单位系统用密钥签名，定时来一件事拉取子件。', manual: '单位系统没有接口：子件进入二次录入队列，由工作人员录入单位系统。' } as Record<string, string>,
  topics: { 'subcase.released': '子件分发', 'subcase.withdrawn': '撤回通知', 'subcase.supplement-answered': '补正材料转送' } as Record<string, string>,
  findings: { 'missing-at-unit': '单位系统无此办件', unreachable: '单位系统无法访问', 'status-differs': '状态不一致', 'sequence-differs': '事件序号不一致' } as Record<string, string>,
  edit: '编辑', editFor: (unit: string) => `编辑对接方式：${unit}`, configure: '配置单位对接', configureTitle: '配置单位对接方式', chooseUnit: '选择单位',
  endpointMissing: { zh: '推送方式须填写单位系统的接口地址', en: "A push adapter needs the unit system's endpoint URL" },
  endpointHelp: '推送方式必填，例如 https://hf.example.gov.cn/yijian', timeoutMs: '超时（毫秒，1000–30000，可选）', batchSize: '批量大小（2–500，可选；不填则逐件推送）',
  save: '保存', cancel: '取消', saved: '对接方式已保存',
  rotate: '新增密钥', rotateFor: (unit: string) => `新增密钥：${unit}`, retire: '停用', retireKey: (id: string) => `停用密钥 ${id}`,
  retireTitle: '停用密钥？', retireBody: (id: string, unit: string) => `停用后，${unit} 用密钥 ${id} 签名的请求将被拒绝，且无法恢复。请确认单位系统已改用新密钥。`, retired: (id: string) => `密钥 ${id} 已停用`,
  secretTitle: '新密钥（只显示这一次）', secretWarning: '密钥只显示这一次，关闭后无法再次查看。请立即复制，安全地交给单位系统管理员；遗失后只能再新增一个密钥。',
  keyId: '密钥编号', secret: '密钥', copy: '复制密钥', copied: '已复制到剪贴板', copyFailed: '无法自动复制，请选中密钥后手动复制', savedIt: '我已妥善保存',
  noKeys: '无有效密钥', retiredCount: (n: number) => `另有 ${n} 个已停用`,
};
type Text = typeof zh;

const en: Text = {
  title: 'Dispatch and adapters', lead: "Each unit's adapter, failed deliveries (dead letters), manual re-entry and reconciliation drift.", adapters: 'Adapters', unit: 'Unit', kind: 'Kind', endpoint: 'Endpoint', keys: 'Keys', actions: 'Actions',
  dead: 'Dead letters', topic: 'Event', key: 'Sub-case', attempts: 'Attempts', error: 'Last error', deadAt: 'Time', resend: 'Resend', resent: 'Sent again',
  reentry: 'Manual re-entry (二次录入) per unit', pending: 'Waiting', entered: 'Entered', drift: 'Reconciliation drift', subcase: 'Sub-case', finding: 'Finding', yijian: 'Yijian', theirs: "Unit's system", run: 'Reconcile now', batch: (n: number) => `batches of up to ${n}`,
  timeout: (ms: number) => `timeout ${ms} ms`,
  ran: (c: number, f: number) => `Checked ${c}, ${f} new findings`, none: 'none', refresh: 'Refresh',
  kinds: { 'back-office': 'back office', push: 'push', pull: 'pull', manual: 'manual re-entry' },
  kindHelp: { 'back-office': "The unit's staff work in Yijian's back office.", push: "Yijian pushes sub-cases to the unit system's endpoint (signed requests).", pull: 'The unit system fetches its sub-cases from Yijian, signing with its key.', manual: "The unit system has no interface: sub-cases go to a re-entry queue and staff type them in." },
  topics: { 'subcase.released': 'sub-case dispatched', 'subcase.withdrawn': 'withdrawal notice', 'subcase.supplement-answered': 'supplement forwarded' },
  findings: { 'missing-at-unit': 'not in the unit system', unreachable: 'unit system unreachable', 'status-differs': 'status differs', 'sequence-differs': 'event sequence differs' },
  edit: 'Edit', editFor: (unit: string) => `Edit adapter: ${unit}`, configure: 'Configure a unit', configureTitle: "Configure a unit's adapter", chooseUnit: 'Unit',
  endpointMissing: { zh: '推送方式须填写单位系统的接口地址', en: "A push adapter needs the unit system's endpoint URL" },
  endpointHelp: 'Required for push, e.g. https://hf.example.gov.cn/yijian', timeoutMs: 'Timeout (ms, 1000–30000, optional)', batchSize: 'Batch size (2–500, optional; one task per request without it)',
  save: 'Save', cancel: 'Cancel', saved: 'Adapter saved',
  rotate: 'New key', rotateFor: (unit: string) => `New key: ${unit}`, retire: 'Retire', retireKey: (id: string) => `Retire key ${id}`,
  retireTitle: 'Retire the key?', retireBody: (id: string, unit: string) => `Requests ${unit} signs with key ${id} will be refused from now on; this cannot be undone. Make sure the unit's system uses its new key.`, retired: (id: string) => `Key ${id} retired`,
  secretTitle: 'New key (shown this once)', secretWarning: "The secret is shown this once and cannot be seen again after closing. Copy it now and hand it safely to the unit system's administrator; if it is lost, add another key.",
  keyId: 'Key id', secret: 'Secret', copy: 'Copy secret', copied: 'Copied to the clipboard', copyFailed: 'Could not copy; select the secret and copy it by hand', savedIt: 'I have stored it',
  noKeys: 'no valid key', retiredCount: (n: number) => `${n} retired`,
};

export type DispatchText = Text;

export function useDispatchText(): Text {
  const { lang } = usePrefs();
  return lang === 'zh' ? zh : en;
}
