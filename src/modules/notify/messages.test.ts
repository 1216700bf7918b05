// What the messages say: every result in one completion message, Chinese first, a short SMS.
import { describe, expect, it } from 'vitest';
import { applicationCompleted, deferredMaterialDue, supplementRequested } from './messages.ts';

describe('notification messages', () => {
  it('lists every sub-case result and the delivery way in one completion message', () => {
    const m = applicationCompleted({
      applicationId: 'a1', number: 'YJ20250610000001', themeName: { zh: '新生儿出生一件事', en: 'Newborn' },
      delivery: { way: 'counter', address: null, counter: '芙蓉区政务服务中心 3 号窗口' },
      outcomes: [
        { matterName: { zh: '出生医学证明', en: 'Birth medical certificate' }, decision: 'approved', statusName: { zh: '办结', en: 'completed' }, reason: null, documentName: '出生医学证明', fields: { certificateNo: 'T430123456' } },
        { matterName: { zh: '户口登记', en: 'Household registration' }, decision: 'rejected', statusName: { zh: '办结', en: 'completed' }, reason: '材料不符', documentName: null, fields: {} },
        { matterName: { zh: '预防接种证', en: 'Vaccination record' }, decision: null, statusName: { zh: '撤件办结', en: 'withdrawn' }, reason: null, documentName: null, fields: {} },
      ],
    });
    expect(m.body.zh.split('\n')).toEqual([
      '您的申请 YJ20250610000001 已全部办结，共 3 个事项：',
      '1. 出生医学证明：准予办理（《出生医学证明》，证书编号 T430123456）',
      '2. 户口登记：不予办理（材料不符）',
      '3. 预防接种证：撤件办结',
      '送达方式：窗口领取（芙蓉区政务服务中心 3 号窗口）',
    ]);
    expect(m.body.en).toContain('2. Household registration: refused (材料不符)');
    expect(m.body.en).toContain('Delivery: collect at the counter');
    expect(m.sms).toMatch(/^【一件事一次办】.*1\/3 个事项准予办理.*Your application/);
    expect(m.link).toBe('/me/applications/a1');
  });

  it('names result fields from the result field dictionary, and shows a field it lacks by its code', () => {
    const m = applicationCompleted({
      applicationId: 'a1', number: 'YJ1', themeName: { zh: '新生儿出生一件事', en: 'Newborn' },
      delivery: { way: 'online', address: null, counter: null },
      outcomes: [{
        matterName: { zh: '出生医学证明', en: 'Birth medical certificate' }, decision: 'approved', statusName: { zh: '办结', en: 'completed' }, reason: null, documentName: null,
        fields: { childName: '张小禾', birthDate: '2025-06-01', passedOn: 'X1' },
      }],
    });
    expect(m.body.zh).toContain('1. 出生医学证明：准予办理（新生儿姓名 张小禾，出生日期 2025-06-01，passedOn X1）');
    expect(m.body.en).toContain("1. Birth medical certificate: approved (Child's name 张小禾; Date of birth 2025-06-01; passedOn X1)");
  });

  it('carries the officer note and the 容缺 deadline', () => {
    expect(supplementRequested({ applicationId: 'a', number: 'YJ1', matterName: { zh: '户口登记', en: 'Household registration' }, note: '请补充户主联系电话' }).body.zh).toContain('请补充户主联系电话');
    const r = deferredMaterialDue({ applicationId: 'a', number: 'YJ1', materialName: { zh: '结婚证', en: 'Marriage certificate' }, deadline: '2025-06-20' });
    expect(r.title.zh).toContain('结婚证');
    expect(r.body.en).toContain('2025-06-20');
    expect(r.body.en).toContain('Marriage certificate');
  });
});
