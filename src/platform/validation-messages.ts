// What a schema issue means to a person, in Chinese and English, naming the field by its name rather
// than its key: zod's own messages are English and speak of types ("Too small: expected string to
// have >=1 characters"), which no Chinese screen may show. Used by the HTTP error mapping and by the
// catalog editor's checks.

export interface IssueLike {
  code?: string | undefined;
  message: string;
  path?: readonly PropertyKey[] | undefined;
  minimum?: number | bigint | undefined;
  maximum?: number | bigint | undefined;
  origin?: string | undefined;
  input?: unknown;
}

export interface Named {
  zh: string;
  en: string;
}

/** Names of the request fields of the API (the last key of an issue's path that is not an index). */
const FIELD_NAMES: Record<string, Named> = {
  reason: { zh: '原因', en: 'The reason' },
  note: { zh: '说明', en: 'The note' },
  values: { zh: '表单内容', en: 'The form values' },
  answers: { zh: '情形选项', en: 'The answers' },
  delivery: { zh: '送达方式', en: 'The delivery' },
  way: { zh: '送达方式', en: 'The delivery way' },
  address: { zh: '邮寄地址', en: 'The postal address' },
  counter: { zh: '领取窗口', en: 'The counter' },
  themeCode: { zh: '主题', en: 'The theme' },
  idempotencyKey: { zh: '提交标识', en: 'The submission key' },
  materials: { zh: '申请材料', en: 'The materials' },
  provision: { zh: '材料提供方式', en: 'How a material is provided' },
  uploadIds: { zh: '上传的文件', en: 'The uploaded files' },
  promise: { zh: '承诺书', en: 'The signed promise' },
  signedName: { zh: '承诺人签名', en: 'The signature' },
  agreed: { zh: '承诺确认', en: 'The agreement' },
  fields: { zh: '办理结果', en: 'The result fields' },
  documentName: { zh: '结果文书名称', en: 'The document name' },
  documentUploadId: { zh: '结果文书', en: 'The result document' },
  applicantIdNumber: { zh: '申请人公民身份号码', en: "The applicant's ID number" },
  idNumber: { zh: '公民身份号码', en: 'The ID number' },
  channel: { zh: '办理渠道', en: 'The channel' },
  onBehalfReason: { zh: '帮代办原因', en: 'The reason for handling on behalf' },
  code: { zh: '验证码', en: 'The code' },
  username: { zh: '用户名', en: 'The username' },
  password: { zh: '密码', en: 'The password' },
  phone: { zh: '手机号码', en: 'The phone number' },
  email: { zh: '电子邮箱', en: 'The e-mail address' },
  name: { zh: '名称', en: 'The name' },
  limit: { zh: '每页条数', en: 'The page size' },
  offset: { zh: '起始位置', en: 'The offset' },
  cursor: { zh: '翻页标记', en: 'The page cursor' },
  status: { zh: '状态', en: 'The status' },
  q: { zh: '搜索词', en: 'The search words' },
  sort: { zh: '排序方式', en: 'The sort order' },
  unit: { zh: '单位', en: 'The unit' },
  unitCode: { zh: '单位', en: 'The unit' },
  matterCode: { zh: '事项', en: 'The matter' },
  divisionCode: { zh: '行政区划', en: 'The division' },
  endpointUrl: { zh: '接口地址', en: 'The endpoint URL' },
  kind: { zh: '类型', en: 'The kind' },
  minutes: { zh: '分钟数', en: 'The minutes' },
};

const SOMETHING: Named = { zh: '提交的内容', en: 'A submitted value' };

/** The field an issue path names: its last key that is not an array index, by its name. */
export function fieldName(path: readonly PropertyKey[]): Named {
  const keys = path.filter((k): k is string => typeof k === 'string' && !/^\d+$/.test(k));
  // values.<element code> is one of the form's elements: the form says which, by its label
  if (keys.length >= 2 && keys[keys.length - 2] === 'values') return { zh: '表单中的一项', en: 'A form value' };
  const last = keys[keys.length - 1];
  return (last && FIELD_NAMES[last]) || SOMETHING;
}

const chinese = /[\u4e00-\u9fff]/;

/** The issue's message in both languages, naming the field. */
export function issueMessage(issue: IssueLike, field: Named): Named {
  const n = (v: number | bigint | undefined) => (v === undefined ? undefined : Number(v));
  const min = n(issue.minimum);
  const max = n(issue.maximum);
  const origin = issue.origin;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || /received undefined/.test(issue.message)) return { zh: `请填写${field.zh}`, en: `${field.en} is missing` };
      return { zh: `${field.zh}的类型不正确`, en: `${field.en} has the wrong type` };
    case 'too_small':
      if (origin === 'string') return min !== undefined && min > 1 ? { zh: `${field.zh}至少 ${min} 个字`, en: `${field.en} needs at least ${min} characters` } : { zh: `请填写${field.zh}`, en: `${field.en} must not be empty` };
      if (origin === 'array' || origin === 'set') return { zh: `${field.zh}至少 ${min ?? 1} 项`, en: `${field.en} needs at least ${min ?? 1} items` };
      return { zh: `${field.zh}不能小于 ${min ?? ''}`.trim(), en: `${field.en} must be at least ${min ?? ''}`.trim() };
    case 'too_big':
      if (origin === 'string') return { zh: `${field.zh}最多 ${max} 个字`, en: `${field.en} may have at most ${max} characters` };
      if (origin === 'array' || origin === 'set' || origin === 'object') return { zh: `${field.zh}最多 ${max} 项`, en: `${field.en} may have at most ${max} items` };
      return { zh: `${field.zh}不能大于 ${max ?? ''}`.trim(), en: `${field.en} must be at most ${max ?? ''}`.trim() };
    case 'invalid_format':
      return { zh: `${field.zh}格式不正确`, en: `${field.en} is not in the right format` };
    case 'invalid_value':
    case 'invalid_union':
      return { zh: `${field.zh}不在允许的范围内`, en: `${field.en} is not one of the allowed values` };
    case 'unrecognized_keys':
      return { zh: `${field.zh}含有不认识的内容`, en: `${field.en} has keys that are not known` };
    case 'not_multiple_of':
      return { zh: `${field.zh}的取值不正确`, en: `${field.en} is not a permitted value` };
    default: {
      // a custom check: its message may be written "中文 / English"
      const [zh, en] = issue.message.split(' / ');
      if (zh && en && chinese.test(zh)) return { zh, en };
      return { zh: `${field.zh}不符合要求`, en: `${field.en}: ${issue.message}` };
    }
  }
}
