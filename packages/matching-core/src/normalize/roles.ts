// How a trade name is built: an object or craft (挖掘机, 木, 空调) and a role word (司机, 匠, 维修工). People
// swap role words freely within a kind of role (挖掘机司机 = 挖掘机驾驶员 = 挖机手, 木匠 = 木工), never across
// kinds (装载机修理工 repairs loaders, it does not drive them). Everything here works on cleaned text.

/** Kinds of role; a word may be of several kinds (操作工 runs a machine and is a factory trade). */
const ROLE_KINDS: readonly (readonly string[])[] = [
  // running a vehicle or a machine
  ['驾驶员', '操作手', '操作工', '操作员', '司机', '机手', '驾驶', '手'],
  // a trade
  ['操作工', '技工', '工人', '师傅', '工', '匠'],
  // repairing
  ['维修工', '修理工', '维修员', '维修师', '修理员', '维修', '修理'],
  // installing
  ['安装工', '安装员', '安装师傅', '安装'],
];

/** Every role word, longest first, so 操作工 is read before 工. */
const ROLE_WORDS: readonly string[] = [...new Set(ROLE_KINDS.flat())].sort((a, b) => b.length - a.length);

/** Titles of staff in general: inside a longer text (家务服务员, 仓库管理员) they say nothing of the trade. */
const GENERIC_TITLES: readonly string[] = [
  '服务员',
  '营业员',
  '管理员',
  '技术员',
  '业务员',
  '工作人员',
  '员工',
  '人员',
];

/** Is the text nothing but a role word or a general title (操作工, 师傅, 服务员)? */
export function isRoleWord(text: string): boolean {
  return ROLE_WORDS.includes(text) || GENERIC_TITLES.includes(text);
}

export interface RoleSplit {
  /** The object or craft: 挖掘机 of 挖掘机驾驶员. */
  readonly stem: string;
  /** The role word: 驾驶员. */
  readonly role: string;
}

/** Splits a trade name into its stem and role word, when it ends in one and something is left. */
export function splitRole(text: string): RoleSplit | undefined {
  for (const role of ROLE_WORDS) {
    if (text.length > role.length && text.endsWith(role)) return { stem: text.slice(0, -role.length), role };
  }
  return undefined;
}

/** The kinds of role a name ends in (empty when it ends in none). */
export function roleKinds(text: string): readonly number[] {
  const split = splitRole(text);
  if (split === undefined) return [];
  return ROLE_KINDS.flatMap((words, kind) => (words.includes(split.role) ? [kind] : []));
}

/** Could the two names be of the same kind of role? Yes when either ends in no role word. */
export function rolesAgree(a: string, b: string): boolean {
  const x = roleKinds(a);
  const y = roleKinds(b);
  return x.length === 0 || y.length === 0 || x.some((kind) => y.includes(kind));
}

/**
 * The same trade with the role word swapped for another of its kind, then the bare stem:
 * 挖掘机驾驶员 → 挖掘机司机, 挖掘机操作手 … 挖掘机; 木匠 → 木工 … 木. Empty when the text ends in no role.
 */
export function roleVariants(text: string): readonly string[] {
  const split = splitRole(text);
  if (split === undefined) return [];
  const variants = new Set<string>();
  for (const words of ROLE_KINDS) {
    if (!words.includes(split.role)) continue;
    for (const word of words) if (word !== split.role) variants.add(split.stem + word);
  }
  variants.add(split.stem);
  return [...variants];
}

/**
 * Words that tell trades apart although they look alike: a text with one of them never goes, by a guess
 * (pinyin, fuzzy, a name inside it), to a concept named with another of the same set.
 */
const CONTRASTS: readonly (readonly string[])[] = [
  ['高压', '低压'],
  ['中式', '西式'],
  ['中餐', '西餐'],
  ['数控车', '数控铣'],
  ['车衣', '车工'],
  ['电工', '电焊'],
  ['保安', '保洁'],
  ['客运', '货运'],
  ['大客', '大货'],
  ['重型', '轻型'],
  ['白案', '红案'],
  ['面点', '烹调'],
  ['月嫂', '育儿嫂'],
  ['养猪', '养牛', '养羊', '养鸡', '养鸭', '养鱼'],
];

/** Does `text` name one side of a contrast that `label` names another side of? */
export function crossesContrast(text: string, label: string): boolean {
  for (const set of CONTRASTS) {
    const inText = set.filter((word) => text.includes(word));
    if (inText.length === 0) continue;
    const inLabel = set.filter((word) => label.includes(word));
    if (inLabel.some((word) => !inText.includes(word))) return true;
  }
  return false;
}
