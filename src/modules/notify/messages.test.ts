// What the messages say: every result in one completion message, Chinese first, a short SMS.
import { describe, expect, it } from 'vitest';
import { latinLeaks } from '../../../tests/helpers/latin.ts';
import * as messages from './messages.ts';
import { applicationCompleted, deferredMaterialDue, supplementRequested } from './messages.ts';

describe('notification messages', () => {
  it('lists every sub-case result and the delivery way in one completion message', () => {
    const m = applicationCompleted({
      applicationId: 'a1', number: 'YJ20250610000001', themeName: { zh: '新生儿出生一件事', en: 'Newborn' },
      delivery: { way: 'counter', address: null, counter: '芙蓉区政务服务中心 3 号窗口' },
      outcomes: [
        { matterName: { zh: '出生医学证明', en: 'Birth medical certificate' }, decision: 'approved', statusName: { zh: '办结', en: 'completed' }, reason: null, documentName: '出生医学证明', fields: { certificateNo: 'T430123456' } },
        { matterName: { zh: '户口登记', en: 'Household registration' }, decision: 'rejected', statusName: { zh: '办结', en: 'completed' }, reason: { zh: '材料不符', en: '材料不符' }, documentName: null, fields: {} },
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
    expect(m.sms).toBe('【一件事一次办】您的申请YJ20250610000001（新生儿出生一件事）已办结：3 个事项中 1 个准予办理，窗口领取（芙蓉区政务服务中心 3 号窗口）。详情请登录查看。');
    expect(m.link).toBe('/me/applications/a1');
  });

  it('names result fields from the result field dictionary, and leaves out a field it lacks (no code in a message)', () => {
    const m = applicationCompleted({
      applicationId: 'a1', number: 'YJ1', themeName: { zh: '新生儿出生一件事', en: 'Newborn' },
      delivery: { way: 'online', address: null, counter: null },
      outcomes: [{
        matterName: { zh: '出生医学证明', en: 'Birth medical certificate' }, decision: 'approved', statusName: { zh: '办结', en: 'completed' }, reason: null, documentName: null,
        fields: { childName: '张小禾', birthDate: '2025-06-01', passedOn: 'X1' },
      }],
    });
    expect(m.body.zh).toContain('1. 出生医学证明：准予办理（新生儿姓名 张小禾，出生日期 2025-06-01）');
    expect(m.body.en).toContain("1. Birth medical certificate: approved (Child's name 张小禾; Date of birth 2025-06-01)");
  });

  it('carries the officer note and the 容缺 deadline', () => {
    expect(supplementRequested({ applicationId: 'a', number: 'YJ1', matterName: { zh: '户口登记', en: 'Household registration' }, note: '请补充户主联系电话' }).body.zh).toContain('请补充户主联系电话');
    const r = deferredMaterialDue({ applicationId: 'a', number: 'YJ1', materialName: { zh: '结婚证', en: 'Marriage certificate' }, deadline: '2025-06-20' });
    expect(r.title.zh).toContain('结婚证');
    expect(r.body.en).toContain('2025-06-20');
    expect(r.body.en).toContain('Marriage certificate');
  });

  it('a voided matter\'s reason is told in the language of each half', () => {
    const m = applicationCompleted({
      applicationId: 'a1', number: 'YJ1', themeName: { zh: '婚育', en: 'Marriage' }, delivery: { way: 'online', address: null, counter: null },
      outcomes: [{
        matterName: { zh: '户口登记项目变更', en: 'Household item change' }, decision: 'voided', statusName: { zh: '作废办结', en: 'voided' }, documentName: null, fields: {},
        reason: { zh: '前序事项“内地居民婚姻登记”不予许可，本事项无法办理', en: 'the prerequisite "内地居民婚姻登记" ended refused, so this matter cannot proceed' },
      }],
    });
    expect(m.body.zh).toContain('1. 户口登记项目变更：作废（前序事项“内地居民婚姻登记”不予许可，本事项无法办理）');
    expect(m.body.zh).not.toContain('prerequisite');
    expect(m.body.en).toContain('so this matter cannot proceed');
  });
});

describe('every SMS, rendered', () => {
  const theme = { zh: '新生儿出生', en: 'Newborn' };
  const everySms: Array<[string, string]> = [
    ['application submitted', messages.applicationSubmitted({ applicationId: 'a', number: 'YJ20261203000001', themeName: theme }).sms],
    ['application completed', messages.applicationCompleted({
      applicationId: 'a', number: 'YJ20261203000001', themeName: theme, delivery: { way: 'express', address: '湖南省长沙市芙蓉区文艺路 1 号', counter: null },
      outcomes: [{ matterName: { zh: '出生医学证明签发', en: 'Birth medical certificate' }, decision: 'approved', statusName: { zh: '办结', en: 'completed' }, reason: null, documentName: '出生医学证明', fields: { certificateNo: 'T430198765' } }],
    }).sms],
    ['application completed, online', messages.applicationCompleted({ applicationId: 'a', number: 'YJ20261203000002', themeName: theme, delivery: { way: 'online', address: null, counter: null }, outcomes: [] }).sms],
    ['supplement requested', messages.supplementRequested({ applicationId: 'a', number: 'YJ20261203000001', matterName: { zh: '户口登记', en: 'Household registration' }, note: '请补充户主的联系电话' }).sms],
    ['deferred material due', messages.deferredMaterialDue({ applicationId: 'a', number: 'YJ20261203000001', materialName: { zh: '结婚证', en: 'Marriage certificate' }, deadline: '2026-12-20' }).sms],
    ['application withdrawn', messages.applicationWithdrawn({ applicationId: 'a', number: 'YJ20261203000001', themeName: theme, reason: null }).sms],
    ['counter confirmation code', messages.counterConfirmationCode({ text: '陈晓正在窗口为您办理“就医”，确认码 123456，15 分钟内有效。' }).sms],
    ['registration code', messages.registrationCode({ text: '您正在注册一件事一次办账号，验证码 123456，10 分钟内有效。如非本人操作，请忽略本短信，切勿将验证码告知他人。' }).sms],
  ];

  it.each(everySms)('%s: Chinese only, signed, with no code or English word', (_, sms) => {
    expect(sms.startsWith('【一件事一次办】')).toBe(true);
    expect(latinLeaks(sms)).toEqual([]);
  });

  it('covers every message kind that has an SMS', () => {
    const kinds = Object.keys(messages).filter((k) => typeof (messages as Record<string, unknown>)[k] === 'function' && !['deliveryText'].includes(k));
    expect(kinds.sort()).toEqual(['applicationCompleted', 'applicationSubmitted', 'applicationWithdrawn', 'counterConfirmationCode', 'deferredMaterialDue', 'registrationCode', 'supplementRequested']);
  });
});
