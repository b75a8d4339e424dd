import type { ImportIssue, LocalizedMessage } from '@anju/shared';

/** Every finding an import reports about a row, with what staff read in Chinese and English. */
const MESSAGES = {
  REQUIRED: { zh: '必填项为空', en: 'required value is empty' },
  TOO_LONG: { zh: '内容过长', en: 'value is too long' },
  INVALID: { zh: '内容不符合要求', en: 'value is not valid' },
  ID_FORMAT: {
    zh: '身份证号应为18位（末位可为X）',
    en: 'an ID number has 18 characters (the last may be X)',
  },
  ID_PROVINCE: { zh: '身份证号的省份代码不存在', en: 'the ID number’s province code does not exist' },
  ID_BIRTH_DATE: { zh: '身份证号中的出生日期无效', en: 'the ID number’s birth date is not a real date' },
  ID_CHECK_CHARACTER: { zh: '身份证号校验位错误', en: 'the ID number’s check character is wrong' },
  ID_AS_NUMBER: {
    zh: '身份证号被存成了数字，末几位已丢失；请将该列设为文本格式后重新录入',
    en: 'the ID number was stored as a number and lost its last digits; format the column as text and re-enter it',
  },
  PHONE_FORMAT: { zh: '联系电话不是有效的手机号码', en: 'not a mainland mobile number' },
  NUMBER_FORMAT: { zh: '应为不小于0的整数', en: 'expected a whole number, 0 or more' },
  YES_NO_FORMAT: { zh: '应填“是”或“否”', en: 'expected 是 (yes) or 否 (no)' },
  LEVEL_FORMAT: {
    zh: '技能等级应为初级/中级/高级/技师/高级技师或五级…一级',
    en: 'skill level must be 初级/中级/高级/技师/高级技师 or 五级 … 一级',
  },
  LEVEL_NUMBER_AMBIGUOUS: {
    zh: '技能等级只写了数字，无法确定是哪种编号（国家等级中一级最高、五级最低）：请写五级…一级或初级…高级技师，或在列名中注明编号，如“技能等级（国家等级，1为最高）”',
    en: 'a bare number cannot say which way the levels run (nationally 一级 is the highest, 五级 the lowest): write 五级 … 一级 or 初级 … 高级技师, or state the numbering in the header, e.g. 技能等级（国家等级，1为最高）',
  },
  MOBILITY_FORMAT: {
    zh: '务工意愿应为县内/省内/省外（或不限）',
    en: 'work mobility must be 县内 (county), 省内 (province) or 省外/不限 (anywhere)',
  },
  CATEGORY_FORMAT: { zh: '搬迁类型应为建档立卡或同步搬迁', en: 'expected 建档立卡 or 同步搬迁' },
  TOWNSHIP_FORMAT: { zh: '乡镇代码应为9位数字', en: 'a township code has 9 digits' },
  TOWNSHIP_MISSING: {
    zh: '无法确定所属乡镇：请填写乡镇代码列或在导入时指定乡镇',
    en: 'no township: fill the township code column or choose one for the import',
  },
  TOWNSHIP_OUT_OF_SCOPE: { zh: '该乡镇不在您的管辖范围内', en: 'this township is not one of yours' },
  TOWNSHIP_OUTSIDE_COUNTY: { zh: '该乡镇不属于本县', en: 'this township is not in the county' },
  HOUSEHOLD_MISSING: {
    zh: '无法确定所属户：请填写户编号或户主身份证号',
    en: 'no household: fill the household number or the householder’s ID number',
  },
  HOUSEHOLD_CONFLICT: {
    zh: '同一户的乡镇、安置社区或网格与前面的行不一致',
    en: 'the household’s township, community or grid differs from an earlier row',
  },
  HOUSEHOLD_ELSEWHERE: {
    zh: '该户已在您管辖范围以外登记',
    en: 'this household is registered outside your townships',
  },
  ID_ELSEWHERE: {
    zh: '该身份证号已在您管辖范围以外登记',
    en: 'this ID number is registered outside your townships',
  },
  DUPLICATE_IN_FILE: { zh: '与本表前面的行重复', en: 'repeats an earlier row of this sheet' },
  CHANGED_WHILE_IMPORTING: {
    zh: '导入期间该记录被修改，本行未写入，请重新导入',
    en: 'the record changed during the import; this row was not written, import again',
  },
  COUNTY_FORMAT: { zh: '工作地点应为6位行政区划代码', en: 'the workplace must be a 6-digit GB/T 2260 code' },
  WAGE_FORMAT: {
    zh: '薪资应为金额或“下限-上限”，下限不大于上限',
    en: 'wage must be an amount or “min-max” with min ≤ max',
  },
  KIND_FORMAT: {
    zh: '岗位类型应为本地/帮扶车间/公益性岗位/劳务协作',
    en: 'opening kind must be 本地, 帮扶车间, 公益性岗位 or 劳务协作',
  },
  CREDIT_CODE_FORMAT: {
    zh: '统一社会信用代码应为18位',
    en: 'a unified social credit code has 18 characters',
  },
  UNKNOWN_SKILL: {
    zh: '未能识别的技能，已按原文保存',
    en: 'skill not recognised; kept as written',
  },
  GENDER_MISMATCH: {
    zh: '性别与身份证号不一致（以身份证号为准）',
    en: 'gender differs from the ID number (the ID number is kept)',
  },
  MANUAL_EDIT_KEPT: {
    zh: '工作人员已修改过该项，保留修改，未用表格覆盖',
    en: 'staff edited this field; their edit is kept, not overwritten by the sheet',
  },
  LICENCE_ASSUMED: {
    zh: '证书未写明类别，已按通常的类别识别，请核实',
    en: 'the licence does not state its class; read as the usual one, please check',
  },
  LEVELS_UNMATCHED: {
    zh: '技能等级的个数与技能不符，已忽略等级',
    en: 'the number of skill levels does not match the skills; levels ignored',
  },
} as const satisfies Record<string, LocalizedMessage>;

export type ImportIssueCode = keyof typeof MESSAGES;

/** An issue about a row, optionally naming the sheet column and adding a note (never a personal value). */
export function issue(code: ImportIssueCode, column?: string, note?: LocalizedMessage): ImportIssue {
  const message = MESSAGES[code];
  return {
    code,
    ...(column === undefined ? {} : { column }),
    message:
      note === undefined
        ? { ...message }
        : { zh: `${message.zh}：${note.zh}`, en: `${message.en}: ${note.en}` },
  };
}
