import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { Occupation } from '../taxonomy/types.ts';

/**
 * Where and how an opening recruits. `in-province` is an ordinary firm elsewhere in the province (the
 * provincial capital): its `kind` is left out, being neither local nor a 劳务协作 programme post.
 */
export type OpeningSetting =
  'local' | 'assistance-workshop' | 'public-welfare' | 'in-province' | 'labour-cooperation';

/**
 * A trade as the county's labour force knows it: how common it is among the residents, how residents say
 * it, how postings name it, and which kinds of employer recruit for it. `concept` is the taxonomy concept
 * the words mean: the generator's truth, never an input to matching.
 */
export interface Trade {
  readonly concept: string;
  /** Relative share of residents who have worked in it. */
  readonly share: number;
  /**
   * How residents put it on a form or tell a grid worker, written from how people talk, not from the
   * taxonomy's aliases (so the share the normaliser resolves means something).
   */
  readonly says: readonly string[];
  /** How job postings name it; the taxonomy's own name when left out. */
  readonly posts?: readonly string[];
  /** Relative weight of the trade among each kind of employer's openings. */
  readonly recruits?: Partial<Readonly<Record<OpeningSetting, number>>>;
  /** Typical lower monthly wage (元) of a local opening, before the setting's premium. */
  readonly wage: number;
  /** The county runs training classes for it. */
  readonly trains?: boolean;
}

const t = (trade: Trade): Trade => trade;

/**
 * The trade mix of a relocated county's labour force: factory line work (普工), construction helpers and
 * trades, domestic and care work, catering and delivery are common; licensed trades are rarer. Shares are
 * relative; `recruits` shapes openings by kind of employer.
 */
export const COUNTY_TRADES: readonly Trade[] = [
  // Factory work: 普工 on a line, near home in 帮扶车间 or far away through 劳务协作.
  t({
    concept: 'general-worker',
    share: 14,
    wage: 3300,
    trains: false,
    says: ['进厂打工', '在厂里上班', '厂里做普工', '工厂做事', '打工进厂', '普工'],
    posts: ['普工', '生产普工', '长白班普工', '包吃住普工', '操作工'],
    recruits: { 'labour-cooperation': 22, 'in-province': 6, local: 4, 'assistance-workshop': 6 },
  }),
  t({
    concept: 'electronics-assembler',
    share: 5,
    wage: 3500,
    says: ['电子厂', '在电子厂做过', '电子厂流水线', '做电子产品'],
    posts: ['电子厂普工', '电子装配工', '电子厂操作员'],
    recruits: { 'labour-cooperation': 18, 'assistance-workshop': 10, 'in-province': 2 },
  }),
  t({
    concept: 'assembly-line-worker',
    share: 3,
    wage: 3400,
    says: ['流水线', '拉上做事', '站流水线', '流水线工人'],
    posts: ['流水线操作工', '流水线普工'],
    recruits: { 'labour-cooperation': 10, 'assistance-workshop': 4 },
  }),
  t({
    concept: 'packer',
    share: 2,
    wage: 3000,
    says: ['打包', '包装', '做包装'],
    posts: ['包装工', '打包员'],
    recruits: { 'assistance-workshop': 4, 'labour-cooperation': 4, local: 2 },
  }),
  t({
    concept: 'quality-inspector',
    share: 0.7,
    wage: 3600,
    trains: true,
    says: ['质检', '品检', '查产品'],
    posts: ['质检员', '品检员'],
    recruits: { 'labour-cooperation': 3, 'in-province': 1 },
  }),
  t({
    concept: 'injection-moulder',
    share: 0.5,
    wage: 3800,
    says: ['注塑', '啤机', '开注塑机'],
    posts: ['注塑工', '注塑操作工'],
    recruits: { 'labour-cooperation': 3 },
  }),
  t({
    concept: 'food-processor',
    share: 1,
    wage: 3000,
    says: ['食品厂', '做食品', '食品厂上班'],
    posts: ['食品厂普工', '食品加工工'],
    recruits: { 'assistance-workshop': 3, 'labour-cooperation': 2, local: 1 },
  }),
  t({
    concept: 'shoe-maker',
    share: 1,
    wage: 3500,
    says: ['鞋厂', '做鞋子', '在鞋厂做过'],
    posts: ['制鞋工', '鞋厂普工'],
    recruits: { 'labour-cooperation': 4, 'assistance-workshop': 2 },
  }),
  t({
    concept: 'wig-maker',
    share: 1,
    wage: 2800,
    says: ['假发厂', '做假发', '钩假发'],
    posts: ['假发制作工', '发制品工'],
    recruits: { 'assistance-workshop': 6 },
  }),
  // Garments: 车位 (sewing) is a trade of its own; 服装厂 also takes people with none.
  t({
    concept: 'sewing-machinist',
    share: 3,
    wage: 3600,
    trains: true,
    says: ['车衣服', '踩缝纫机', '车位', '缝纫', '平车'],
    posts: ['缝纫工', '车位', '平车工', '熟手车位'],
    recruits: { 'assistance-workshop': 10, 'labour-cooperation': 8 },
  }),
  t({
    concept: 'garment-worker',
    share: 2,
    wage: 3200,
    says: ['服装厂', '制衣厂做过', '服装厂打工'],
    posts: ['服装厂普工', '制衣普工'],
    recruits: { 'assistance-workshop': 6, 'labour-cooperation': 4 },
  }),
  t({
    concept: 'ethnic-embroiderer',
    share: 0.6,
    wage: 2600,
    trains: true,
    says: ['苗绣', '刺绣', '绣花', '会绣花'],
    posts: ['刺绣工', '苗绣绣娘'],
    recruits: { 'assistance-workshop': 4 },
  }),
  // Construction: helpers (小工) outnumber tradesmen (大工).
  t({
    concept: 'construction-labourer',
    share: 10,
    wage: 3600,
    says: ['工地上做小工', '在工地打杂', '建筑小工', '搬砖', '工地干杂活', '小工'],
    posts: ['建筑小工', '杂工', '工地普工'],
    recruits: { local: 8, 'in-province': 8, 'labour-cooperation': 3 },
  }),
  t({
    concept: 'construction-worker',
    share: 3,
    wage: 4200,
    says: ['在工地干活', '建筑工地干过', '搞建筑'],
    posts: ['建筑工人'],
    recruits: { local: 3, 'in-province': 4 },
  }),
  t({
    concept: 'bricklayer',
    share: 3,
    wage: 4800,
    trains: true,
    says: ['砌砖', '砌墙', '泥瓦匠', '瓦匠', '泥水工'],
    posts: ['砌筑工', '瓦工', '泥瓦工'],
    recruits: { local: 4, 'in-province': 4 },
  }),
  t({
    concept: 'rebar-worker',
    share: 2,
    wage: 5000,
    says: ['扎钢筋', '绑钢筋', '钢筋'],
    posts: ['钢筋工'],
    recruits: { local: 3, 'in-province': 4, 'labour-cooperation': 1 },
  }),
  t({
    concept: 'carpenter',
    share: 2,
    wage: 4800,
    says: ['木匠', '做木工活', '木工'],
    posts: ['木工'],
    recruits: { local: 3, 'in-province': 2 },
  }),
  t({
    concept: 'formwork-carpenter',
    share: 1.5,
    wage: 5200,
    says: ['支模板', '支模', '模板'],
    posts: ['模板工', '木工（支模）'],
    recruits: { local: 2, 'in-province': 3 },
  }),
  t({
    concept: 'concrete-worker',
    share: 1,
    wage: 4600,
    says: ['打灰', '打混凝土', '浇混凝土'],
    posts: ['混凝土工'],
    recruits: { local: 1, 'in-province': 2 },
  }),
  t({
    concept: 'painter',
    share: 1.5,
    wage: 4500,
    trains: true,
    says: ['刷墙', '刮腻子', '刷油漆'],
    posts: ['油漆工', '涂裱工'],
    recruits: { local: 2, 'in-province': 1 },
  }),
  t({
    concept: 'tiler',
    share: 1,
    wage: 5000,
    says: ['贴瓷砖', '铺地砖', '贴砖'],
    posts: ['瓷砖工', '镶贴工'],
    recruits: { local: 2 },
  }),
  t({
    concept: 'plasterer',
    share: 1,
    wage: 4600,
    says: ['粉墙', '抹灰', '批荡'],
    posts: ['抹灰工'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'decoration-worker',
    share: 1.5,
    wage: 4600,
    trains: true,
    says: ['搞装修', '做装修', '装修'],
    posts: ['装修工人', '装饰装修工'],
    recruits: { local: 3, 'in-province': 1 },
  }),
  t({
    concept: 'plumber-electrician',
    share: 0.8,
    wage: 5200,
    says: ['水电安装', '装修水电', '做水电'],
    posts: ['水电工'],
    recruits: { local: 2, 'in-province': 1 },
  }),
  t({
    concept: 'excavator-operator',
    share: 0.8,
    wage: 6500,
    trains: true,
    says: ['开挖机', '挖机师傅', '勾机'],
    posts: ['挖机司机', '挖掘机司机'],
    recruits: { local: 2, 'in-province': 2 },
  }),
  t({
    concept: 'welder',
    share: 1.2,
    wage: 5500,
    trains: true,
    says: ['电焊', '烧电焊', '焊东西'],
    posts: ['电焊工', '焊工'],
    recruits: { local: 2, 'in-province': 2, 'labour-cooperation': 2 },
  }),
  t({
    concept: 'electrician',
    share: 0.8,
    wage: 5000,
    trains: true,
    says: ['电工', '厂里电工', '接电线'],
    posts: ['电工', '维修电工'],
    recruits: { local: 2, 'in-province': 1, 'labour-cooperation': 1 },
  }),
  // Logistics and driving.
  t({
    concept: 'loader',
    share: 3,
    wage: 3800,
    says: ['搬运', '卸货', '扛包', '装车卸车'],
    posts: ['装卸工', '搬运工'],
    recruits: { local: 3, 'in-province': 3, 'labour-cooperation': 1 },
  }),
  t({
    concept: 'parcel-sorter',
    share: 1.5,
    wage: 3800,
    says: ['快递分拣', '分快递', '物流园分拣'],
    posts: ['分拣员', '快递分拣员'],
    recruits: { 'in-province': 3, 'labour-cooperation': 2, local: 1 },
  }),
  t({
    concept: 'courier',
    share: 1,
    wage: 4500,
    says: ['送快递', '快递员', '跑快递'],
    posts: ['快递员'],
    recruits: { local: 2, 'in-province': 2 },
  }),
  t({
    concept: 'delivery-rider',
    share: 2.5,
    wage: 4800,
    says: ['送外卖', '跑外卖', '美团骑手', '外卖员'],
    posts: ['外卖骑手', '配送员', '网约配送员'],
    recruits: { local: 2, 'in-province': 3 },
  }),
  t({
    concept: 'warehouse-keeper',
    share: 1,
    wage: 3800,
    says: ['仓管', '管仓库'],
    posts: ['仓管员', '仓库管理员'],
    recruits: { local: 1, 'in-province': 1, 'labour-cooperation': 1 },
  }),
  t({
    concept: 'forklift-driver',
    share: 0.6,
    wage: 5000,
    trains: true,
    says: ['开叉车', '叉车工'],
    posts: ['叉车司机'],
    recruits: { 'in-province': 2, 'labour-cooperation': 2, local: 1 },
  }),
  t({
    concept: 'light-truck-driver',
    share: 0.7,
    wage: 5000,
    says: ['开小货车', '送货司机', '开面包车拉货'],
    posts: ['送货司机', '小货车司机'],
    recruits: { local: 2, 'in-province': 1 },
  }),
  t({
    concept: 'heavy-truck-driver',
    share: 0.4,
    wage: 7500,
    says: ['跑大车', '开大货车', '跑长途'],
    posts: ['重型货车司机', '大货车司机'],
    recruits: { 'in-province': 1, local: 1 },
  }),
  // Cleaning, security, public-welfare posts.
  t({
    concept: 'cleaner',
    share: 4,
    wage: 2400,
    says: ['保洁', '打扫卫生', '搞卫生'],
    posts: ['保洁员', '保洁'],
    recruits: { 'public-welfare': 30, local: 3, 'in-province': 2 },
  }),
  t({
    concept: 'street-sweeper',
    share: 1.5,
    wage: 2300,
    says: ['扫大街', '环卫', '扫马路'],
    posts: ['环卫工', '道路保洁员'],
    recruits: { 'public-welfare': 12, local: 1 },
  }),
  t({
    concept: 'security-guard',
    share: 2,
    wage: 2800,
    says: ['保安', '看大门', '门卫'],
    posts: ['保安员', '保安'],
    recruits: { 'public-welfare': 8, local: 3, 'in-province': 2 },
  }),
  t({
    concept: 'forest-ranger',
    share: 0.5,
    wage: 1900,
    says: ['护林员', '巡山', '看山'],
    posts: ['生态护林员', '护林员'],
    recruits: { 'public-welfare': 10 },
  }),
  t({
    concept: 'landscaper',
    share: 0.8,
    wage: 2600,
    says: ['绿化', '园林养护', '修草坪'],
    posts: ['绿化工', '园林绿化工'],
    recruits: { 'public-welfare': 6, local: 1 },
  }),
  t({
    concept: 'grid-worker',
    share: 0.3,
    wage: 2200,
    says: ['网格员', '社区网格员'],
    posts: ['网格员'],
    recruits: { 'public-welfare': 4 },
  }),
  t({
    concept: 'odd-job-worker',
    share: 2,
    wage: 2800,
    says: ['打零工', '做零工', '日结', '哪里有活干哪里'],
    posts: ['零工', '临时工'],
    recruits: { local: 2, 'public-welfare': 3 },
  }),
  // Domestic and care work.
  t({
    concept: 'domestic-worker',
    share: 2.5,
    wage: 3500,
    trains: true,
    says: ['做家政', '家政', '给人家做家务'],
    posts: ['家政服务员', '家政阿姨'],
    recruits: { local: 3, 'in-province': 3 },
  }),
  t({
    concept: 'nanny',
    share: 1,
    wage: 4000,
    says: ['当保姆', '保姆', '住家阿姨'],
    posts: ['住家保姆', '保姆'],
    recruits: { local: 1, 'in-province': 2 },
  }),
  t({
    concept: 'maternity-nurse',
    share: 1,
    wage: 6000,
    trains: true,
    says: ['月嫂', '带月子', '伺候月子'],
    posts: ['月嫂', '母婴护理员'],
    recruits: { 'in-province': 2, local: 1 },
  }),
  t({
    concept: 'infant-carer',
    share: 0.8,
    wage: 4500,
    trains: true,
    says: ['育儿嫂', '带小孩', '带娃'],
    posts: ['育儿嫂', '育婴员'],
    recruits: { 'in-province': 1, local: 1 },
  }),
  t({
    concept: 'elderly-carer',
    share: 1.5,
    wage: 3200,
    trains: true,
    says: ['养老院护工', '照顾老人', '养老护理'],
    posts: ['养老护理员'],
    recruits: { local: 2, 'public-welfare': 4, 'in-province': 1 },
  }),
  t({
    concept: 'hospital-carer',
    share: 1,
    wage: 3500,
    says: ['医院陪护', '护工', '在医院照顾病人'],
    posts: ['护工', '医疗护理员'],
    recruits: { local: 1, 'in-province': 1 },
  }),
  // Catering.
  t({
    concept: 'cook',
    share: 2,
    wage: 4500,
    trains: true,
    says: ['厨师', '炒菜', '掌勺', '当厨师'],
    posts: ['厨师', '中式烹调师', '炒锅'],
    recruits: { local: 4, 'in-province': 2, 'labour-cooperation': 1 },
  }),
  t({
    concept: 'kitchen-helper',
    share: 2,
    wage: 3000,
    says: ['帮厨', '厨房打杂', '后厨帮忙'],
    posts: ['帮厨', '厨房杂工'],
    recruits: { local: 3, 'in-province': 2 },
  }),
  t({
    concept: 'kitchen-prep',
    share: 1,
    wage: 3500,
    says: ['切配', '配菜', '墩子'],
    posts: ['切配', '配菜员'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'dishwasher',
    share: 1.5,
    wage: 2600,
    says: ['洗碗', '饭店洗碗'],
    posts: ['洗碗工'],
    recruits: { local: 2 },
  }),
  t({
    concept: 'waiter',
    share: 3,
    wage: 2800,
    says: ['餐馆服务员', '饭店服务员', '端盘子', '传菜'],
    posts: ['餐厅服务员', '服务员'],
    recruits: { local: 4, 'in-province': 2 },
  }),
  t({
    concept: 'pastry-cook',
    share: 0.7,
    wage: 3800,
    trains: true,
    says: ['做包子', '面点', '白案'],
    posts: ['面点师', '中式面点师'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'rice-noodle-cook',
    share: 0.8,
    wage: 3200,
    says: ['粉店', '做米粉', '煮粉'],
    posts: ['粉面师傅'],
    recruits: { local: 1 },
  }),
  // Sales and online shops.
  t({
    concept: 'shop-assistant',
    share: 1.5,
    wage: 2800,
    says: ['超市上班', '导购', '站店卖货'],
    posts: ['营业员', '导购员'],
    recruits: { local: 2, 'in-province': 1 },
  }),
  t({
    concept: 'cashier',
    share: 0.8,
    wage: 2700,
    says: ['收银', '超市收银'],
    posts: ['收银员'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'livestream-seller',
    share: 0.3,
    wage: 3500,
    trains: true,
    says: ['直播带货', '抖音卖货', '快手直播卖东西'],
    posts: ['带货主播', '直播销售员'],
    recruits: { 'assistance-workshop': 2, local: 1 },
  }),
  t({
    concept: 'ecommerce-specialist',
    share: 0.4,
    wage: 3500,
    trains: true,
    says: ['开网店', '电商', '网上卖东西'],
    posts: ['电商运营', '电子商务师'],
    recruits: { 'assistance-workshop': 2, local: 1 },
  }),
  t({
    concept: 'customer-service',
    share: 0.5,
    wage: 3200,
    says: ['客服', '接电话客服'],
    posts: ['客服专员'],
    recruits: { 'in-province': 1, 'labour-cooperation': 1 },
  }),
  // Farming, forestry and animals: what most did before they moved.
  t({
    concept: 'farmer',
    share: 4,
    wage: 2400,
    says: ['种地', '种庄稼', '务农', '种玉米', '在家种田'],
    posts: ['农艺工'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'vegetable-grower',
    share: 1.5,
    wage: 2600,
    trains: true,
    says: ['种菜', '大棚种菜', '种蔬菜'],
    posts: ['蔬菜种植工', '大棚工人'],
    recruits: { local: 2, 'assistance-workshop': 2 },
  }),
  t({
    concept: 'fruit-grower',
    share: 1,
    wage: 2600,
    says: ['种果树', '管果园', '种猕猴桃'],
    posts: ['果园管理员'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'tea-picker',
    share: 2,
    wage: 2200,
    says: ['采茶', '摘茶叶', '采茶叶'],
    posts: ['采茶工'],
    recruits: { local: 2, 'assistance-workshop': 2 },
  }),
  t({
    concept: 'tea-processor',
    share: 0.7,
    wage: 3000,
    trains: true,
    says: ['炒茶', '茶厂', '做茶叶'],
    posts: ['茶叶加工工', '制茶工'],
    recruits: { 'assistance-workshop': 3 },
  }),
  t({
    concept: 'livestock-keeper',
    share: 1,
    wage: 3000,
    trains: true,
    says: ['养殖', '养牛养羊', '喂牲口'],
    posts: ['饲养员', '养殖场工人'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'pig-keeper',
    share: 1,
    wage: 3500,
    says: ['养猪', '猪场'],
    posts: ['猪场饲养员'],
    recruits: { local: 1, 'in-province': 1 },
  }),
  t({
    concept: 'poultry-keeper',
    share: 0.7,
    wage: 3000,
    says: ['养鸡', '鸡场'],
    posts: ['家禽饲养员'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'mushroom-grower',
    share: 0.7,
    wage: 2700,
    trains: true,
    says: ['种香菇', '做菌棒', '种蘑菇'],
    posts: ['食用菌生产工'],
    recruits: { 'assistance-workshop': 2, local: 1 },
  }),
  // Personal services and repair.
  t({
    concept: 'hairdresser',
    share: 0.5,
    wage: 3500,
    trains: true,
    says: ['理发', '剪头发', '美发'],
    posts: ['美发师', '理发师'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'beautician',
    share: 0.3,
    wage: 3500,
    says: ['美容院上班', '做美容'],
    posts: ['美容师'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'massage-therapist',
    share: 0.3,
    wage: 4000,
    says: ['按摩', '推拿'],
    posts: ['按摩技师', '保健按摩师'],
    recruits: { local: 1, 'in-province': 1 },
  }),
  t({
    concept: 'auto-mechanic',
    share: 0.6,
    wage: 4500,
    trains: true,
    says: ['修车', '汽修', '修汽车'],
    posts: ['汽修工', '汽车维修工'],
    recruits: { local: 2, 'in-province': 1 },
  }),
  t({
    concept: 'car-washer',
    share: 0.5,
    wage: 2800,
    says: ['洗车', '洗车店'],
    posts: ['洗车工'],
    recruits: { local: 1 },
  }),
  t({
    concept: 'fuel-attendant',
    share: 0.3,
    wage: 3000,
    says: ['加油站上班', '加油'],
    posts: ['加油员'],
    recruits: { local: 1 },
  }),
];

/**
 * The trades to draw from for `taxonomy`: the county's mix where the taxonomy knows its concepts; for a
 * taxonomy that knows none of them, every occupation, evenly, said by its name and aliases.
 */
export function tradesFor(taxonomy: Taxonomy): readonly Trade[] {
  const known = COUNTY_TRADES.filter((trade) => taxonomy.occupation(trade.concept) !== undefined);
  if (known.length > 0) return known;
  return taxonomy.occupations.map((occupation) => tradeOf(occupation));
}

const EVERY_SETTING: Readonly<Record<OpeningSetting, number>> = {
  local: 1,
  'assistance-workshop': 1,
  'public-welfare': 1,
  'in-province': 1,
  'labour-cooperation': 1,
};

function tradeOf(occupation: Occupation): Trade {
  return {
    concept: occupation.id,
    share: 1,
    says: [occupation.name, ...occupation.aliases],
    recruits: EVERY_SETTING,
    wage: 3500,
    trains: true,
  };
}
