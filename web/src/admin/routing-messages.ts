// Strings of the routing rules page (办件智能分发), Chinese first, English with every key.
import { usePrefs } from '../ui/prefs.tsx';
import { interpolate, type Lang } from '../ui/i18n.ts';

const zh = {
  title: '办件分发规则',
  lead: '事项按申请人所属的街道、区县分发给有管辖权的承办单位（跨域通办：在哪里申请都由有权单位办理）。没有规则时按目录推导：区县、街道级事项分发到申请人所在地的下属机构。',
  navCatalog: '事项与主题目录',
  navRouting: '分发规则',
  matter: '事项',
  chooseMatter: '选择事项',
  catalogUnit: '目录实施单位',
  level: '层级',
  division: '行政区划',
  unit: '承办单位',
  source: '依据',
  'source.rule': '规则',
  'source.derived': '按属地推导',
  'source.catalog': '目录单位',
  'source.ambiguous': '多个候选，需设置规则',
  actions: '操作',
  setRule: '设置规则',
  removeRule: '删除规则',
  ruleFor: '为“{division}”设置承办单位',
  note: '说明（可选）',
  save: '保存',
  cancel: '取消',
  saved: '规则已保存，1 秒内对新申请生效',
  removed: '规则已删除，恢复按目录推导',
  check: '检查全部事项',
  checkOk: '全部 {matters} 个事项 × 各区县、街道（共 {checked} 组）均分发到唯一的有权单位。',
  checkProblems: '发现 {n} 个问题：',
  filter: '筛选区划',
};
export type RoutingKey = keyof typeof zh;
const en: Record<RoutingKey, string> = {
  title: 'Routing rules',
  lead: 'Each matter goes to the competent unit for the street and district the applicant belongs to (cross-region service: wherever they apply). Without a rule the unit is derived from the catalog: district- and street-level matters go to the local unit where the applicant lives.',
  navCatalog: 'Matters and themes',
  navRouting: 'Routing rules',
  matter: 'Matter',
  chooseMatter: 'Choose a matter',
  catalogUnit: 'Catalog unit',
  level: 'Level',
  division: 'Division',
  unit: 'Handling unit',
  source: 'Decided by',
  'source.rule': 'Rule',
  'source.derived': 'Local unit',
  'source.catalog': 'Catalog unit',
  'source.ambiguous': 'Several candidates: set a rule',
  actions: 'Actions',
  setRule: 'Set rule',
  removeRule: 'Remove rule',
  ruleFor: 'Handling unit for "{division}"',
  note: 'Note (optional)',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Rule saved; new applications use it within a second',
  removed: 'Rule removed; the derived unit applies again',
  check: 'Check every matter',
  checkOk: 'All {matters} matters × every district and street ({checked} pairs) resolve to exactly one competent unit.',
  checkProblems: '{n} problems found:',
  filter: 'Filter divisions',
};

const dictionaries: Record<Lang, Record<RoutingKey, string>> = { zh, en };

export function useRoutingT(): (key: RoutingKey, vars?: Record<string, string | number>) => string {
  const { lang } = usePrefs();
  return (key, vars) => interpolate(dictionaries[lang][key], vars);
}
