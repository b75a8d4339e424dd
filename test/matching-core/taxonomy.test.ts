import { expect } from 'chai';
import {
  createNormalizer,
  Taxonomy,
  defaultTaxonomy,
  loadTaxonomy,
  type OccupationFamily,
  type TaxonomyData,
} from '@anju/matching-core';
import { OccupationFamily as OccupationFamilySchema, type TaxonomyDataInput } from '@anju/shared';
import { readFileSync } from 'node:fs';

// The data file itself, as a user of the package would read it.
const shipped = JSON.parse(
  readFileSync(new URL('../../packages/matching-core/data/taxonomy.json', import.meta.url), 'utf8'),
) as { version: string };

type OccupationInput = TaxonomyDataInput['occupations'][number];
type LicenceInput = NonNullable<TaxonomyDataInput['licences']>[number];

/** A small valid taxonomy; each test overrides what it is about. */
function taxonomyData(
  overrides: {
    occupations?: OccupationInput[];
    licences?: LicenceInput[];
    retired?: TaxonomyDataInput['retired'];
    version?: string;
  } = {},
): TaxonomyDataInput {
  return {
    version: overrides.version ?? 'test.1',
    ...(overrides.retired === undefined ? {} : { retired: overrides.retired }),
    occupations: overrides.occupations ?? [
      occupation({
        id: 'welder',
        name: '焊工',
        aliases: ['电焊', '电焊工', '烧焊'],
        licences: ['welding-cutting'],
      }),
      occupation({
        id: 'argon-arc-welder',
        name: '氩弧焊工',
        aliases: ['氩弧焊'],
        broader: 'welder',
        substitutes: [{ id: 'welder', similarity: 0.8 }],
      }),
      occupation({ id: 'electrician', name: '电工', licences: ['low-voltage-electrical'] }),
    ],
    licences: overrides.licences ?? [
      { id: 'welding-cutting', name: '焊接与热切割作业', kind: 'special-operation', aliases: ['焊工证'] },
      { id: 'low-voltage-electrical', name: '低压电工作业', kind: 'special-operation', aliases: ['电工证'] },
    ],
  };
}

function occupation(
  overrides: Partial<OccupationInput> & Pick<OccupationInput, 'id' | 'name'>,
): OccupationInput {
  return { family: 'manufacturing', aliases: [], substitutes: [], licences: [], ...overrides };
}

function issuesOf(data: unknown): string[] {
  const loaded = loadTaxonomy(data);
  if (loaded.ok) throw new Error('expected the taxonomy to be rejected');
  expect(loaded.code).to.equal('INVALID_TAXONOMY');
  return loaded.issues;
}

describe('the shipped taxonomy (defaultTaxonomy)', () => {
  const taxonomy = defaultTaxonomy();
  const occupations = taxonomy.occupations;

  it('is built once and reused', () => {
    expect(defaultTaxonomy()).to.equal(taxonomy);
  });

  it('is versioned', () => {
    expect(taxonomy.version).to.match(/^\d{4}\.\d+$/);
    expect(taxonomy.version).to.equal(shipped.version);
  });

  it('passes loadTaxonomy, so every reference in the file resolves', () => {
    const loaded = loadTaxonomy(shipped);
    expect(loaded.ok, loaded.ok ? '' : loaded.issues.join('\n')).to.equal(true);
  });

  it('holds at least 300 occupations', () => {
    expect(occupations.length).to.be.at.least(300);
  });

  it('covers every occupation family with several occupations', () => {
    const counts = new Map<OccupationFamily, number>();
    for (const o of occupations) counts.set(o.family, (counts.get(o.family) ?? 0) + 1);
    for (const family of OccupationFamilySchema.options) {
      expect(counts.get(family) ?? 0, family).to.be.at.least(5);
    }
  });

  it('writes 职业分类大典 codes as d-dd-dd-dd and never gives two occupations the same code', () => {
    const codes = occupations.flatMap((o) => (o.code === undefined ? [] : [o.code]));
    expect(codes.length).to.be.at.least(30);
    for (const code of codes) expect(code).to.match(/^\d-\d{2}-\d{2}-\d{2}$/);
    expect(new Set(codes).size).to.equal(codes.length);
  });

  it('gives every occupation a kebab-case id and a Chinese name, and the county’s trades colloquial aliases', () => {
    for (const o of occupations) {
      expect(o.id).to.match(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(o.name, o.id).to.match(/\p{Script=Han}/u);
      // The rest of the 大典 (occ-…) is there by its official name, so no other concept can claim it.
      if (!o.id.startsWith('occ-')) expect(o.aliases.length, o.id).to.be.at.least(1);
    }
  });

  it('links only to occupations and licences that exist, with similarities in (0, 1]', () => {
    const ids = new Set(occupations.map((o) => o.id));
    const licenceIds = new Set(taxonomy.licences.map((l) => l.id));
    for (const o of occupations) {
      if (o.broader !== undefined) expect(ids.has(o.broader), `${o.id}.broader`).to.equal(true);
      for (const s of o.substitutes) {
        expect(ids.has(s.id), `${o.id} → ${s.id}`).to.equal(true);
        expect(s.similarity).to.be.greaterThan(0).and.at.most(1);
      }
      for (const l of o.licences) expect(licenceIds.has(l), `${o.id} needs ${l}`).to.equal(true);
    }
  });

  it('names the trades relocated workers do, under their usual names', () => {
    const names = new Set(occupations.map((o) => o.name));
    const expected = [
      ...['钢筋工', '模板工', '砌筑工', '抹灰工', '架子工', '混凝土工', '防水工', '油漆工', '水电工'],
      ...['普工', '流水线操作工', '装配工', '质检员', '包装工', '缝纫工', '裁剪工', '锁边工', '缝纫品整型工'],
      ...['电子装配工', '贴片工', '焊锡工', '家政服务员', '育婴员', '母婴护理员', '养老护理员', '保姆'],
      ...['中式烹调师', '中式面点师', '配菜员', '餐厅服务员', '洗碗工', '快递员', '快件处理员'],
      ...['仓储管理员', '叉车司机', '重型货车司机', '牵引车司机', '网约车司机', '装卸搬运工'],
      ...['保安员', '保洁员', '物业管理员', '茶叶加工工', '采茶工', '果树种植工', '蔬菜种植工', '家畜饲养员'],
      ...['电子商务师', '网络主播', '直播销售员', '客服', '美发师', '美容师', '美甲师'],
      ...['汽车维修工', '汽车美容师', '摩托车修理工', '焊工', '氩弧焊工', '电工', '起重机司机', '网约配送员'],
    ];
    for (const name of expected) expect(names.has(name), name).to.equal(true);
  });

  it('keeps 电焊 and 烧焊 as names of the welder and 氩弧焊 as a narrower kind of it', () => {
    expect(taxonomy.occupation('welder')?.aliases).to.include.members(['电焊', '电焊工', '烧焊']);
    expect(taxonomy.occupation('argon-arc-welder')?.broader).to.equal('welder');
    expect(taxonomy.narrowerOf('welder')).to.include('argon-arc-welder');
  });

  it('gates legally regulated work with the licence the law asks for', () => {
    const gates: [string, string][] = [
      ['welder', 'fusion-welding'],
      ['argon-arc-welder', 'fusion-welding'],
      ['electrician', 'low-voltage-electrical'],
      ['high-voltage-electrician', 'high-voltage-electrical'],
      ['facade-cleaner', 'height-installation'],
      ['air-conditioning-installer', 'refrigeration-installation'],
      ['forklift-driver', 'forklift-n1'],
      ['bridge-crane-operator', 'crane-operator-q2'],
      ['light-truck-driver', 'driving-c1'],
      ['heavy-truck-driver', 'driving-b2'],
      ['tractor-trailer-driver', 'driving-a2'],
      ['cook', 'health-certificate'],
      ['elderly-carer', 'health-certificate'],
      ['security-guard', 'security-guard-licence'],
    ];
    for (const [occupationId, licence] of gates) {
      expect(taxonomy.occupation(occupationId)?.licences, occupationId).to.include(licence);
    }
    expect(taxonomy.occupation('electrician')?.licences).not.to.include('welding-cutting');
  });

  it('lists licences under the names people use for them', () => {
    const aliases = (id: string): readonly string[] => taxonomy.licence(id)?.aliases ?? [];
    expect(aliases('forklift-n1')).to.include('叉车证');
    expect(aliases('low-voltage-electrical')).to.include('低压电工证');
    // 电工证 and 焊工证 do not say which operation item: they name one only by assumption.
    expect(taxonomy.licence('low-voltage-electrical')?.assumedFor).to.include('电工证');
    expect(taxonomy.licence('fusion-welding')?.assumedFor).to.include('焊工证');
    expect(taxonomy.licence('forklift-n1')?.kind).to.equal('special-equipment');
  });

  it('marks the work anyone can be taken on for, and only such work', () => {
    const open = occupations.filter((o) => o.noSkillNeeded === true).map((o) => o.name);
    expect(open).to.include.members(['普工', '建筑普工', '零工', '装卸搬运工', '保洁员', '包装工']);
    for (const skilled of ['welder', 'electrician', 'cook', 'forklift-driver', 'bricklayer'])
      expect(taxonomy.occupation(skilled)?.noSkillNeeded, skilled).to.equal(undefined);
  });

  it('counts a licence as everything it includes: 准驾车型 and the category of an operation item', () => {
    expect(taxonomy.licencesHeldWith('driving-b2')).to.have.members([
      'driving-b2',
      'driving-c1',
      'driving-c2',
      'driving-c3',
      'driving-c4',
      'driving-m',
      'motor-vehicle',
    ]);
    // The table lists each class's inclusions in full; they are not chained (C3 → C4 adds nothing to C1).
    expect(taxonomy.licencesHeldWith('driving-c2')).to.have.members(['driving-c2', 'motor-vehicle']);
    expect(taxonomy.licencesHeldWith('driving-e')).to.have.members(['driving-e', 'driving-f']);
    expect(taxonomy.licencesHeldWith('low-voltage-electrical')).to.have.members([
      'low-voltage-electrical',
      'electrical-work',
    ]);
    expect(taxonomy.licencesHeldWith('scaffold-erection')).not.to.include('height-installation');
  });

  it('titles a licence with its document and item, as printed on the card', () => {
    expect(taxonomy.licenceTitle('high-voltage-electrical')).to.equal('特种作业操作证（高压电工作业）');
    expect(taxonomy.licenceTitle('forklift-n1')).to.equal('特种设备作业人员证（N1 叉车司机）');
    expect(taxonomy.licenceTitle('driving-c1')).to.equal('机动车驾驶证（C1 小型汽车）');
    expect(taxonomy.licenceTitle('tower-crane-licence')).to.equal(
      '建筑施工特种作业操作资格证：建筑起重机械司机（塔式起重机）',
    );
  });

  it('derives full pinyin and initials for names and aliases', () => {
    const welder = taxonomy.pinyinOf('welder');
    expect(welder?.full).to.include.members(['hangong', 'dianhangong', 'shaohan']);
    expect(welder?.initials).to.include.members(['hg', 'dhg']);
    for (const o of occupations) expect(taxonomy.pinyinOf(o.id)?.full.length, o.id).to.be.at.least(1);
  });

  it('is frozen, so no caller can change the shared taxonomy', () => {
    const welder = taxonomy.occupation('welder');
    expect(Object.isFrozen(welder)).to.equal(true);
    expect(Object.isFrozen(welder?.aliases)).to.equal(true);
    expect(Object.isFrozen(taxonomy.occupations)).to.equal(true);
    expect(() => (welder?.aliases as string[]).push('x')).to.throw(TypeError);
  });
});

describe('loadTaxonomy', () => {
  it('builds a Taxonomy from valid data, filling in the lists left out', () => {
    const loaded = loadTaxonomy({
      version: '1',
      occupations: [{ id: 'tea-artist', name: '茶艺师', family: 'catering' }],
    });
    if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
    expect(loaded.value).to.be.instanceOf(Taxonomy);
    expect(loaded.value.occupation('tea-artist')).to.deep.equal({
      id: 'tea-artist',
      name: '茶艺师',
      family: 'catering',
      aliases: [],
      substitutes: [],
      licences: [],
    });
    expect(loaded.value.licences).to.deep.equal([]);
  });

  it("derives pinyin for a user's own taxonomy too", () => {
    const loaded = loadTaxonomy(
      taxonomyData({ occupations: [occupation({ id: 'tea-artist', name: '茶艺师', aliases: ['泡茶'] })] }),
    );
    if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
    expect(loaded.value.pinyinOf('tea-artist')).to.deep.equal({
      full: ['chayishi', 'paocha'],
      initials: ['cys', 'pc'],
    });
  });

  it('links broader, narrower and substitutes both ways', () => {
    const loaded = loadTaxonomy(taxonomyData());
    if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
    const taxonomy = loaded.value;
    expect(taxonomy.broaderOf('argon-arc-welder')).to.deep.equal(['welder']);
    expect(taxonomy.broaderOf('welder')).to.deep.equal([]);
    expect(taxonomy.narrowerOf('welder')).to.deep.equal(['argon-arc-welder']);
    expect(taxonomy.similarity('welder', 'argon-arc-welder')).to.equal(0.8);
    expect(taxonomy.similarity('argon-arc-welder', 'welder')).to.equal(0.8);
    expect(taxonomy.similarity('welder', 'electrician')).to.equal(0);
    expect(taxonomy.similarity('welder', 'welder')).to.equal(1);
  });

  const [welder, argon, electrician] = taxonomyData().occupations as [
    OccupationInput,
    OccupationInput,
    OccupationInput,
  ];
  const rejections: { when: string; data: unknown; issue: RegExp }[] = [
    { when: 'the data is not an object', data: 'taxonomy', issue: /^\(root\): / },
    { when: 'the version is missing', data: { occupations: [welder] }, issue: /^version: / },
    { when: 'there are no occupations', data: taxonomyData({ occupations: [] }), issue: /^occupations: / },
    {
      when: 'an id is not kebab-case ASCII',
      data: taxonomyData({ occupations: [{ ...welder, id: 'Welder' }] }),
      issue: /^occupations\[0\]\.id: an ASCII kebab-case id/,
    },
    {
      when: 'a field is not part of the schema',
      data: taxonomyData({ occupations: [{ ...welder, colour: 'red' } as OccupationInput] }),
      issue: /^occupations\[0\]: .*colour/,
    },
    {
      when: 'a 职业分类大典 code is malformed',
      data: taxonomyData({ occupations: [{ ...welder, code: '6-29-1-04' }, argon, electrician] }),
      issue: /^occupations\[0\]\.code: a 职业分类大典 code/,
    },
    {
      when: 'two concepts share an id',
      data: taxonomyData({ occupations: [welder, argon, { ...electrician, id: 'welder' }] }),
      issue: /^occupations\[2\]\.id: duplicate id 'welder' \(first at occupations\[0\]\)/,
    },
    {
      when: 'an occupation and a licence share an id',
      data: taxonomyData({ occupations: [welder, argon, { ...electrician, id: 'welding-cutting' }] }),
      issue: /^licences\[0\]\.id: duplicate id 'welding-cutting'/,
    },
    {
      when: 'a broader link points nowhere',
      data: taxonomyData({ occupations: [welder, { ...argon, broader: 'metal-worker' }, electrician] }),
      issue: /^occupations\[1\]\.broader: unknown occupation 'metal-worker'/,
    },
    {
      when: 'an occupation is its own broader concept',
      data: taxonomyData({ occupations: [welder, { ...argon, broader: 'argon-arc-welder' }, electrician] }),
      issue: /^occupations\[1\]\.broader: 'argon-arc-welder' is its own broader/,
    },
    {
      when: 'broader links form a cycle',
      data: taxonomyData({ occupations: [{ ...welder, broader: 'argon-arc-welder' }, argon, electrician] }),
      issue:
        /broader: cycle (welder → argon-arc-welder → welder|argon-arc-welder → welder → argon-arc-welder)/,
    },
    {
      when: 'a substitute points nowhere',
      data: taxonomyData({
        occupations: [welder, { ...argon, substitutes: [{ id: 'plumber', similarity: 0.5 }] }, electrician],
      }),
      issue: /^occupations\[1\]\.substitutes\[0\]: unknown occupation 'plumber'/,
    },
    {
      when: 'an occupation substitutes itself',
      data: taxonomyData({
        occupations: [
          welder,
          { ...argon, substitutes: [{ id: 'argon-arc-welder', similarity: 0.5 }] },
          electrician,
        ],
      }),
      issue: /^occupations\[1\]\.substitutes\[0\]: 'argon-arc-welder' cannot substitute itself/,
    },
    {
      when: 'a substitute is listed twice',
      data: taxonomyData({
        occupations: [
          welder,
          {
            ...argon,
            substitutes: [
              { id: 'welder', similarity: 0.5 },
              { id: 'welder', similarity: 0.6 },
            ],
          },
          electrician,
        ],
      }),
      issue: /^occupations\[1\]\.substitutes\[1\]: 'welder' listed twice/,
    },
    ...[0, -0.1, 1.5, Number.NaN].map((similarity) => ({
      when: `a similarity is ${String(similarity)}`,
      data: taxonomyData({
        occupations: [welder, { ...argon, substitutes: [{ id: 'welder', similarity }] }, electrician],
      }),
      issue: /^occupations\[1\]\.substitutes\[0\]\.similarity: /,
    })),
    {
      when: 'a required licence is unknown',
      data: taxonomyData({
        occupations: [welder, argon, { ...electrician, licences: ['electrician-card'] }],
      }),
      issue: /^occupations\[2\]\.licences\[0\]: unknown licence 'electrician-card'/,
    },
    {
      when: 'an alias, once normalised, names another concept',
      data: taxonomyData({ occupations: [welder, argon, { ...electrician, aliases: ['电 焊'] }] }),
      issue: /^occupations\[2\]\.aliases\[0\]: '电 焊' also names 'welder' \(both read as '电焊'\)/,
    },
    {
      when: "a name is another concept's alias",
      data: taxonomyData({ occupations: [welder, argon, { ...electrician, name: '烧焊' }] }),
      issue: /^occupations\[2\]\.name: '烧焊' also names 'welder'/,
    },
    {
      when: "an alias differs from another concept's only in width and case",
      data: taxonomyData({
        occupations: [{ ...welder, aliases: ['TIG焊'] }, argon, { ...electrician, aliases: ['ｔｉｇ 焊'] }],
      }),
      issue: /^occupations\[2\]\.aliases\[0\]: 'ｔｉｇ 焊' also names 'welder' \(both read as 'tig焊'\)/,
    },
    {
      when: 'two licences share an alias',
      data: taxonomyData({
        licences: [
          { id: 'welding-cutting', name: '焊接与热切割作业', aliases: ['特种证'] },
          { id: 'low-voltage-electrical', name: '低压电工作业', aliases: ['特种证'] },
        ],
      }),
      issue: /^licences\[1\]\.aliases\[0\]: '特种证' also names 'welding-cutting'/,
    },
    {
      when: 'a licence covers a licence that does not exist',
      data: taxonomyData({
        licences: [{ id: 'welding-cutting', name: '焊接与热切割作业', covers: ['driving-z9'] }],
      }),
      issue: /^licences\[0\]\.covers\[0\]: unknown licence 'driving-z9'/,
    },
    {
      when: 'a licence item names a category that does not exist',
      data: taxonomyData({
        licences: [{ id: 'welding-cutting', name: '焊接与热切割作业', broader: 'hot-work' }],
      }),
      issue: /^licences\[0\]\.broader: unknown licence 'hot-work'/,
    },
    {
      when: 'an assumed licence text is also an alias of another licence',
      data: taxonomyData({
        licences: [
          { id: 'welding-cutting', name: '焊接与热切割作业', aliases: ['焊工证'] },
          { id: 'low-voltage-electrical', name: '低压电工作业', assumedFor: ['焊工证'] },
        ],
      }),
      issue: /^licences\[1\]\.aliases\[0\]: '焊工证' also names 'welding-cutting'/,
    },
    {
      when: 'a retired id is still in use',
      data: taxonomyData({ retired: [{ id: 'welder', replacedBy: 'argon-arc-welder' }] }),
      issue: /^retired\[0\]\.id: 'welder' is still in use/,
    },
    {
      when: 'a retired id is replaced by nothing',
      data: taxonomyData({ retired: [{ id: 'old-welder', replacedBy: 'nobody' }] }),
      issue: /^retired\[0\]\.replacedBy: unknown concept 'nobody'/,
    },
    {
      when: 'an alias is nothing but punctuation',
      data: taxonomyData({ occupations: [{ ...welder, aliases: ['——'] }, argon, electrician] }),
      issue: /^occupations\[0\]\.aliases\[0\]: '——' is empty once spaces and punctuation are removed/,
    },
  ];
  for (const { when, data, issue } of rejections) {
    it(`rejects the data with INVALID_TAXONOMY when ${when}`, () => {
      const issues = issuesOf(data);
      expect(
        issues.some((line) => issue.test(line)),
        issues.join('\n'),
      ).to.equal(true);
    });
  }

  it('reports every problem at once, not only the first', () => {
    const issues = issuesOf(
      taxonomyData({
        occupations: [
          { ...welder, broader: 'nowhere' },
          { ...argon, licences: ['no-such-licence'] },
          { ...electrician, substitutes: [{ id: 'ghost', similarity: 0.3 }] },
        ],
      }),
    );
    expect(issues).to.have.length(3);
  });

  it('does not mutate its input', () => {
    const data = taxonomyData();
    const before = structuredClone(data);
    loadTaxonomy(data);
    expect(data).to.deep.equal(before);
    expect(Object.isFrozen(data.occupations)).to.equal(false);
  });

  it('loads data stored under a retired id as the concept that replaced it', () => {
    const loaded = loadTaxonomy(taxonomyData({ retired: [{ id: 'old-welder', replacedBy: 'welder' }] }));
    if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
    expect(loaded.value.occupation('old-welder')?.id).to.equal('welder');
    expect(loaded.value.current('old-welder')).to.equal('welder');
    expect(createNormalizer(loaded.value).normalize('old-welder')).to.include({
      code: 'welder',
      rule: 'exact',
    });
  });

  it('accepts the TaxonomyData of a loaded taxonomy again (round trip)', () => {
    const loaded = loadTaxonomy(taxonomyData());
    if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
    const data: TaxonomyData = {
      version: loaded.value.version,
      occupations: loaded.value.occupations,
      licences: loaded.value.licences,
      retired: [],
    };
    expect(loadTaxonomy(data).ok).to.equal(true);
  });
});
