// A small taxonomy for matching-core tests: every occupation family, aliases people really use, broader
// links, substitutes and the licences that gate work. Shared by the matching-core suites; keep it small.
import { loadTaxonomy, type Taxonomy } from '@anju/matching-core';
import type { TaxonomyDataInput } from '@anju/shared';

type OccupationInput = TaxonomyDataInput['occupations'][number];

const occupation = (fields: OccupationInput): OccupationInput => ({
  substitutes: [],
  licences: [],
  ...fields,
});

export const fixtureTaxonomyData: TaxonomyDataInput = {
  version: 'fixture-1',
  licences: [
    { id: 'welding-licence', name: '焊接与热切割作业操作证', aliases: ['焊工证', '电焊证'] },
    { id: 'electrician-licence', name: '低压电工作业操作证', aliases: ['电工证', '低压电工证'] },
    { id: 'height-licence', name: '高处作业操作证', aliases: ['高空作业证', '登高证'] },
    { id: 'forklift-licence', name: '叉车司机证', aliases: ['叉车证', '叉车操作证'] },
    { id: 'driving-c1', name: 'C1驾驶证', aliases: ['C1驾照', '小车驾照', 'C1'] },
    { id: 'driving-b2', name: 'B2驾驶证', aliases: ['B2驾照', 'B2'] },
    { id: 'health-certificate', name: '健康证', aliases: ['食品健康证'] },
  ],
  occupations: [
    occupation({
      id: 'general-worker',
      name: '普工',
      family: 'services',
      noSkillNeeded: true,
      aliases: ['普通工人', '杂工', '力工'],
    }),
    occupation({
      id: 'assembly-line-worker',
      name: '流水线工人',
      family: 'services',
      noSkillNeeded: true,
      aliases: ['流水线', '操作工'],
      broader: 'general-worker',
      substitutes: [{ id: 'electronics-assembler', similarity: 0.7 }],
    }),
    occupation({
      id: 'porter',
      name: '搬运工',
      family: 'services',
      noSkillNeeded: true,
      aliases: ['装卸工', '搬运'],
      broader: 'general-worker',
    }),
    occupation({
      id: 'welder',
      name: '焊工',
      family: 'construction',
      aliases: ['电焊工', '电焊', '烧焊'],
      substitutes: [{ id: 'steel-fixer', similarity: 0.5 }],
      licences: ['welding-licence'],
    }),
    occupation({
      id: 'electrician',
      name: '电工',
      family: 'construction',
      aliases: ['水电工', '低压电工'],
      licences: ['electrician-licence'],
    }),
    occupation({
      id: 'bricklayer',
      name: '砌筑工',
      family: 'construction',
      aliases: ['泥瓦工', '砖工', '瓦工'],
      substitutes: [{ id: 'plasterer', similarity: 0.7 }],
    }),
    occupation({ id: 'steel-fixer', name: '钢筋工', family: 'construction', aliases: ['扎钢筋', '绑钢筋'] }),
    occupation({ id: 'plasterer', name: '抹灰工', family: 'construction', aliases: ['粉刷工', '抹灰'] }),
    occupation({
      id: 'scaffolder',
      name: '架子工',
      family: 'construction',
      aliases: ['搭架子', '脚手架工'],
      licences: ['height-licence'],
    }),
    occupation({
      id: 'machine-operator',
      name: '机床操作工',
      family: 'manufacturing',
      aliases: ['车工', '开机床'],
    }),
    occupation({ id: 'packer', name: '包装工', family: 'manufacturing', aliases: ['打包', '包装'] }),
    occupation({
      id: 'electronics-assembler',
      name: '电子设备装接工',
      family: 'electronics',
      aliases: ['电子厂', '插件工', '电子装配'],
    }),
    occupation({
      id: 'sewing-machinist',
      name: '缝纫工',
      family: 'garments',
      aliases: ['车工（缝纫）', '踩缝纫机', '车位'],
    }),
    occupation({ id: 'wig-maker', name: '假发制作工', family: 'garments', aliases: ['做假发', '发制品'] }),
    occupation({
      id: 'domestic-helper',
      name: '家政服务员',
      family: 'domestic-care',
      aliases: ['家政', '保姆', '育儿嫂'],
      substitutes: [{ id: 'elder-carer', similarity: 0.6 }],
    }),
    occupation({
      id: 'elder-carer',
      name: '养老护理员',
      family: 'domestic-care',
      aliases: ['护工', '养老护理'],
    }),
    occupation({
      id: 'cook',
      name: '中式烹调师',
      family: 'catering',
      aliases: ['厨师', '炒菜', '大厨'],
      licences: ['health-certificate'],
    }),
    occupation({
      id: 'kitchen-helper',
      name: '厨房帮工',
      family: 'catering',
      aliases: ['帮厨', '打荷', '洗碗工'],
      licences: ['health-certificate'],
    }),
    occupation({
      id: 'forklift-driver',
      name: '叉车司机',
      family: 'logistics-driving',
      aliases: ['开叉车', '叉车工'],
      licences: ['forklift-licence'],
    }),
    occupation({
      id: 'truck-driver',
      name: '货车司机',
      family: 'logistics-driving',
      aliases: ['开货车', '大车司机'],
      licences: ['driving-b2'],
    }),
    occupation({ id: 'courier', name: '快递员', family: 'logistics-driving', aliases: ['送快递', '快递'] }),
    occupation({
      id: 'security-guard',
      name: '保安员',
      family: 'security-cleaning',
      aliases: ['保安', '门卫'],
    }),
    occupation({
      id: 'cleaner',
      name: '保洁员',
      family: 'security-cleaning',
      aliases: ['保洁', '清洁工', '搞卫生'],
    }),
    occupation({
      id: 'tea-processor',
      name: '茶叶加工工',
      family: 'agriculture-tea',
      aliases: ['制茶', '炒茶'],
    }),
    occupation({
      id: 'crop-farmer',
      name: '农作物种植工',
      family: 'agriculture-tea',
      aliases: ['种地', '种植'],
    }),
    occupation({
      id: 'live-seller',
      name: '互联网营销师',
      family: 'ecommerce',
      aliases: ['直播带货', '主播', '网店客服'],
    }),
    occupation({
      id: 'hairdresser',
      name: '美发师',
      family: 'beauty-hair',
      aliases: ['理发', '剪头发', 'Tony老师'],
    }),
    occupation({
      id: 'car-mechanic',
      name: '汽车维修工',
      family: 'vehicle-repair',
      aliases: ['汽修', '修车'],
    }),
  ],
};

export function fixtureTaxonomy(): Taxonomy {
  const loaded = loadTaxonomy(fixtureTaxonomyData);
  if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
  return loaded.value;
}
