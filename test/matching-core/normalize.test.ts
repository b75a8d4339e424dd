import { expect } from 'chai';
import fc from 'fast-check';
import {
  createNormalizer,
  defaultTaxonomy,
  isMatchingError,
  loadTaxonomy,
  type Normalized,
  type NormalizeRule,
  type Normalizer,
  type Taxonomy,
} from '@anju/matching-core';
import { benchNormalize } from '../../packages/matching-core/src/bench/index.ts';

const taxonomy = defaultTaxonomy();
const normalizer = createNormalizer(taxonomy);

/** The same data loaded a second time: its own indexes, built from scratch. */
function freshTaxonomy(): Taxonomy {
  const loaded = loadTaxonomy({
    version: taxonomy.version,
    occupations: taxonomy.occupations,
    licences: taxonomy.licences,
  });
  if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
  return loaded.value;
}

function expectConcept(result: Normalized, code: string, rule?: NormalizeRule): void {
  const context = `${result.input} → ${String(result.code)} (${result.rule})`;
  expect(result.code, context).to.equal(code);
  if (rule !== undefined) expect(result.rule, context).to.equal(rule);
  expect(result.name, context).to.equal(taxonomy.occupation(code)?.name ?? taxonomy.licence(code)?.name);
}

function expectUnknown(result: Normalized): void {
  expect(result.code, `${result.input} → ${String(result.code)}`).to.equal(null);
  expect(result.name).to.equal(null);
  expect(result.rule).to.equal('unknown');
  expect(result.confidence).to.equal(0);
}

/** Invariants every result must keep, whatever the input. */
function expectWellFormed(result: Normalized, input: string, max = 5): void {
  expect(result.input).to.equal(input);
  expect(result.code === null).to.equal(result.rule === 'unknown');
  expect(result.name === null).to.equal(result.code === null);
  expect(result.confidence).to.be.within(0, 1);
  expect(result.suggestions.length).to.be.at.most(max);
  for (let i = 1; i < result.suggestions.length; i++) {
    expect(result.suggestions[i - 1]!.confidence).to.be.at.least(result.suggestions[i]!.confidence);
  }
  for (const suggestion of result.suggestions) {
    expect(suggestion.code).not.to.equal(result.code);
    expect(suggestion.confidence).to.be.within(0, 1);
  }
  if (result.level !== undefined) expect(result.level).to.be.oneOf([1, 2, 3, 4, 5]);
}

// Realistic texts: a known name or alias, wrapped the way residents write, sometimes with a slip.
const labels = taxonomy.occupations.flatMap((o) => [o.name, ...o.aliases]);
const hanChars = [...new Set(labels.join(''))];
const wrappedText = fc
  .tuple(
    fc.constantFrom(...labels),
    fc.constantFrom('', '会', '做过', '熟练', '高级', '三级', '5年', ' '),
    fc.constantFrom('', '师傅', '经验', '学徒', '（中级）', '工作', '证', '、保洁', '/电焊'),
    fc.option(fc.tuple(fc.nat(), fc.constantFrom(...hanChars)), { nil: undefined }),
  )
  .map(([label, before, after, slip]) => {
    const chars = Array.from(label);
    if (slip !== undefined) chars[slip[0] % chars.length] = slip[1];
    return `${before}${chars.join('')}${after}`;
  });
const anyText = fc.oneof(
  wrappedText,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...hanChars), maxLength: 8 }),
  fc.string({ unit: fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyz')), maxLength: 14 }),
);

describe('createNormalizer', () => {
  describe('normalize: one rule per step, strongest first', () => {
    it('exact: the preferred name or the concept id', () => {
      expectConcept(normalizer.normalize('焊工'), 'welder', 'exact');
      expectConcept(normalizer.normalize('welder'), 'welder', 'exact');
      expect(normalizer.normalize('焊工').confidence).to.equal(1);
    });

    it('alias: a colloquial name, certain', () => {
      const result = normalizer.normalize('电焊');
      expectConcept(result, 'welder', 'alias');
      expect(result.confidence).to.equal(1);
      expect(result.suggestions).to.deep.equal([]);
    });

    it('pinyin: typed in full, as initials, or in characters that sound alike', () => {
      expectConcept(normalizer.normalize('dianhangong'), 'welder', 'pinyin');
      expectConcept(normalizer.normalize('dhg'), 'welder', 'pinyin');
      expectConcept(normalizer.normalize('DianHanGong'), 'welder', 'pinyin');
      expectConcept(normalizer.normalize('dian han gong'), 'welder', 'pinyin');
      expectConcept(normalizer.normalize('电悍工'), 'welder', 'pinyin');
      expect(normalizer.normalize('dianhangong').confidence).to.be.within(0.5, 0.99);
    });

    it('fuzzy: a slip of the pen that is clearly one trade', () => {
      const result = normalizer.normalize('养老护埋员');
      expectConcept(result, 'elderly-carer', 'fuzzy');
      expect(result.confidence).to.be.within(0.5, 0.9);
    });

    it('broader: an unknown variant that contains a known name', () => {
      const result = normalizer.normalize('氩弧焊学徒');
      expectConcept(result, 'argon-arc-welder', 'broader');
      expect(result.confidence).to.be.within(0.3, 0.85);
      expectConcept(normalizer.normalize('电焊学徒'), 'welder', 'broader');
    });

    it('unknown: nothing close enough, with a confidence of 0', () => {
      expectUnknown(normalizer.normalize('asdf'));
    });
  });

  describe('normalize: colloquial Chinese', () => {
    const examples: [string, string][] = [
      ['电焊', 'welder'],
      ['烧焊', 'welder'],
      ['电焊工', 'welder'],
      ['会电焊', 'welder'],
      ['5年电焊经验', 'welder'],
      ['做过电焊工作', 'welder'],
      ['开叉车', 'forklift-driver'],
      ['会开叉车', 'forklift-driver'],
      ['叉车 司机', 'forklift-driver'],
      ['普工', 'general-worker'],
      ['流水线', 'assembly-line-worker'],
      ['月嫂', 'maternity-nurse'],
      ['育儿嫂', 'infant-carer'],
      ['带货主播', 'livestream-seller'],
      ['直播带货', 'livestream-seller'],
      ['打灰', 'concrete-worker'],
      ['扎钢筋', 'rebar-worker'],
      ['泥瓦工', 'bricklayer'],
      ['木工', 'carpenter'],
      ['木匠', 'carpenter'],
      ['瓦匠', 'bricklayer'],
      ['挖掘机驾驶员', 'excavator-operator'],
      ['叉车操作手', 'forklift-driver'],
      ['做过保安', 'security-guard'],
      ['跑滴滴', 'ride-hailing-driver'],
      ['送外卖', 'delivery-rider'],
      ['采茶', 'tea-picker'],
      ['炒茶', 'tea-processor'],
      ['制茶工', 'tea-processor'],
      ['车位', 'sewing-machinist'],
      ['平车', 'sewing-machinist'],
      ['锁边', 'overlocker'],
      ['贴片', 'smt-operator'],
      ['家政', 'domestic-worker'],
      ['护工', 'hospital-carer'],
      ['配菜', 'kitchen-prep'],
      ['切配', 'kitchen-prep'],
      ['洗碗', 'dishwasher'],
      ['分拣员', 'parcel-sorter'],
      ['仓管', 'warehouse-keeper'],
      ['挖机师傅', 'excavator-operator'],
      ['Ｂ２货车司机', 'heavy-truck-driver'],
      ['A2司机', 'tractor-trailer-driver'],
      ['Tony老师', 'hairdresser'],
      ['汽修', 'auto-mechanic'],
      ['洗车', 'car-washer'],
      ['电焊、氩弧焊', 'welder'],
      ['氩弧焊/二保焊', 'welder'],
    ];
    for (const [text, code] of examples) {
      it(`reads ${text} as ${code}`, () => {
        expectConcept(normalizer.normalize(text), code);
      });
    }
  });

  describe('normalize: near spellings of different trades never merge', () => {
    const confusable: [string, string, string, string][] = [
      ['电工', 'electrician', '电焊工', 'welder'],
      ['电工', 'electrician', '电焊', 'welder'],
      ['保安', 'security-guard', '保洁', 'cleaner'],
      ['baoan', 'security-guard', 'baojie', 'cleaner'],
      ['车工', 'lathe-operator', '车位', 'sewing-machinist'],
      ['钳工', 'fitter', '铣工', 'milling-operator'],
      ['厨师', 'cook', '面点师', 'pastry-cook'],
      ['焊工', 'welder', '焊锡工', 'solderer'],
      ['叉车', 'forklift-driver', '铲车', 'loader-operator'],
      ['装配工', 'assembler', '装卸工', 'loader'],
      ['木工', 'carpenter', '家具木工', 'furniture-maker'],
      ['低压电工', 'electrician', '高压电工', 'high-voltage-electrician'],
      ['起重工', 'occ-6-30-05-02', '起重机司机', 'crane-operator'],
      ['保姆', 'nanny', '保育员', 'childcare-assistant'],
      ['美发师', 'hairdresser', '美容师', 'beautician'],
      ['快递员', 'courier', '快件处理员', 'parcel-sorter'],
      ['油漆工', 'painter', '喷漆工', 'spray-painter'],
      ['砌筑工', 'bricklayer', '抹灰工', 'plasterer'],
      ['月嫂', 'maternity-nurse', '育婴员', 'infant-carer'],
      ['采茶工', 'tea-picker', '制茶工', 'tea-processor'],
      ['汽车维修工', 'auto-mechanic', '汽车美容', 'car-detailer'],
      ['网络主播', 'livestreamer', '带货主播', 'livestream-seller'],
      ['电工', 'electrician', '电梯工', 'elevator-installer'],
    ];
    for (const [a, codeA, b, codeB] of confusable) {
      it(`keeps ${a} (${codeA}) apart from ${b} (${codeB})`, () => {
        expectConcept(normalizer.normalize(a), codeA);
        expectConcept(normalizer.normalize(b), codeB);
      });
    }

    const between: [string, string[]][] = [
      ['电工焊工', ['electrician', 'welder']],
      ['保安保洁', ['security-guard', 'cleaner']],
      ['保安、保洁', ['security-guard', 'cleaner']],
      // one wrong character, as close to 钢筋工 as to 钢构工
      ['钢筯工', ['rebar-worker', 'steel-structure-installer']],
    ];
    for (const [text, candidates] of between) {
      it(`leaves ${text}, which is as close to several trades, unknown and suggests them`, () => {
        const result = normalizer.normalize(text);
        expectUnknown(result);
        expect(result.suggestions.map((s) => s.code)).to.include.members(candidates);
      });
    }
  });

  describe('normalize: typos', () => {
    const typos: [string, string][] = [
      ['电悍工', 'welder'],
      ['砌筑功', 'bricklayer'],
      ['叉车司记', 'forklift-driver'],
      ['养老护埋员', 'elderly-carer'],
      ['流水线橾作工', 'assembly-line-worker'],
      ['快件处埋员', 'parcel-sorter'],
      ['中式烹调帅', 'cook'],
      ['dianhangogn', 'welder'],
    ];
    for (const [text, code] of typos) {
      it(`recovers ${code} from ${text}`, () => {
        const result = normalizer.normalize(text);
        expectConcept(result, code);
        expect(result.confidence).to.be.below(1);
      });
    }
  });

  describe('normalize: unknown stays unknown', () => {
    for (const text of [
      'asdf',
      '打麻将',
      '',
      '   ',
      '！！！',
      'x',
      '电',
      '高级',
      'aqcx',
      'ledger',
      '装载机修理工',
    ]) {
      it(`returns no concept for ${JSON.stringify(text)}`, () => {
        expectUnknown(normalizer.normalize(text));
      });
    }
  });

  describe('normalize: stated skill levels', () => {
    const levels: [string, string, number][] = [
      ['高级电工', 'electrician', 3],
      ['焊工（中级）', 'welder', 2],
      ['初级厨师', 'cook', 1],
      ['电工技师', 'electrician', 4],
      ['高级技师焊工', 'welder', 5],
      ['三级焊工', 'welder', 3],
      ['五级 育婴员', 'infant-carer', 1],
      ['一级焊工', 'welder', 5],
      ['中级工 叉车司机', 'forklift-driver', 2],
    ];
    for (const [text, code, level] of levels) {
      it(`reads level ${level} and ${code} from ${text}`, () => {
        const result = normalizer.normalize(text);
        expectConcept(result, code);
        expect(result.level).to.equal(level);
      });
    }

    it('leaves the level out when none is stated', () => {
      expect(normalizer.normalize('电工')).not.to.have.property('level');
      expect(normalizer.normalize('会电焊')).not.to.have.property('level');
    });

    it('keeps a stated level even when the trade is unknown (a roster’s 等级 column)', () => {
      const result = normalizer.normalize('四级');
      expectUnknown(result);
      expect(result).to.include({ nationalLevel: 4, level: 2 });
    });

    it('gives the level in the national numbering too, where 一级 is the highest', () => {
      expect(normalizer.normalize('高级电工')).to.include({ nationalLevel: 3, levelName: '三级/高级工' });
      expect(normalizer.normalize('一级焊工')).to.include({ nationalLevel: 1, levelName: '一级/高级技师' });
      expect(normalizer.normalize('初级厨师')).to.include({ nationalLevel: 5, levelName: '五级/初级工' });
    });

    for (const text of ['按摩技师', '美发技师3年', '足疗技师', '高级月嫂', '金牌月嫂', '资深保姆']) {
      it(`reads no 职业技能等级 from the job title or shop grade in ${text}`, () => {
        const result = normalizer.normalize(text);
        expect(result.code).not.to.equal(null);
        expect(result).not.to.have.property('nationalLevel');
      });
    }
  });

  describe('normalizeLicence', () => {
    const licences: [string, string][] = [
      ['叉车证', 'forklift-n1'],
      ['有叉车证', 'forklift-n1'],
      ['N1', 'forklift-n1'],
      ['chachezheng', 'forklift-n1'],
      ['电工证', 'low-voltage-electrical'],
      ['中级电工证', 'low-voltage-electrical'],
      ['焊工证', 'fusion-welding'],
      ['特种作业操作证（低压电工作业）', 'low-voltage-electrical'],
      ['C2驾照', 'driving-c2'],
      ['高压电工证', 'high-voltage-electrical'],
      ['登高证', 'work-at-height'],
      ['B2', 'driving-b2'],
      ['A2驾照', 'driving-a2'],
      ['健康证', 'health-certificate'],
      ['保安证', 'security-guard-licence'],
    ];
    for (const [text, code] of licences) {
      it(`reads ${text} as ${code}`, () => {
        expectConcept(normalizer.normalizeLicence(text), code);
      });
    }

    it('tells staff when a text names a licence only by the usual assumption', () => {
      expect(normalizer.normalizeLicence('驾照')).to.include({
        code: 'driving-c1',
        assumption: '未注明准驾车型，按机动车驾驶证（C1 小型汽车）计',
      });
      expect(normalizer.normalizeLicence('电工证').assumption).to.equal(
        '未注明作业项目，按特种作业操作证（低压电工作业）计',
      );
      expect(normalizer.normalizeLicence('低压电工证')).not.to.have.property('assumption');
    });

    it('never reads 低压 as 高压 by a near spelling', () => {
      expect(normalizer.normalizeLicence('低压电工操作证书').code).to.equal('low-voltage-electrical');
      expect(normalizer.normalizeLicence('低压电工作业证件').code).to.equal('low-voltage-electrical');
    });

    it('looks licences up apart from occupations', () => {
      expectConcept(normalizer.normalizeLicence('叉车'), 'forklift-n1');
      expectConcept(normalizer.normalize('叉车'), 'forklift-driver');
    });

    it('leaves documents that are not in the taxonomy unknown', () => {
      expectUnknown(normalizer.normalizeLicence('学位证'));
      expectUnknown(normalizer.normalizeLicence('叉车证、电工证'));
    });
  });

  describe("a user's own taxonomy", () => {
    it('is normalised with pinyin derived from its own names', () => {
      const loaded = loadTaxonomy({
        version: 'mine.1',
        occupations: [
          { id: 'tea-artist', name: '茶艺师', family: 'catering', aliases: ['泡茶'] },
          { id: 'potter', name: '陶艺师', family: 'other' },
        ],
      });
      if (!loaded.ok) throw new Error(loaded.issues.join('\n'));
      const own = createNormalizer(loaded.value);
      expect(own.normalize('chayishi').code).to.equal('tea-artist');
      expect(own.normalize('tys').code).to.equal('potter');
      expect(own.normalize('泡茶').code).to.equal('tea-artist');
      expect(own.normalize('电焊').code).to.equal(null);
    });
  });

  describe('options', () => {
    it('returns no suggestions when maxSuggestions is 0', () => {
      const quiet = createNormalizer(taxonomy, { maxSuggestions: 0 });
      expect(quiet.normalize('电工焊工').suggestions).to.deep.equal([]);
    });

    it('accepts a fuzzy match only above minFuzzySimilarity', () => {
      const strict = createNormalizer(taxonomy, { minFuzzySimilarity: 0.95 });
      expectUnknown(strict.normalize('养老护埋员'));
    });

    for (const options of [{ minFuzzySimilarity: 1.5 }, { minFuzzyMargin: -1 }, { maxSuggestions: 2.5 }]) {
      it(`throws MatchingError for the invalid options ${JSON.stringify(options)}`, () => {
        expect(() => createNormalizer(taxonomy, options))
          .to.throw()
          .that.satisfies(isMatchingError);
      });
    }

    it('throws MatchingError when given something that is not a string (misuse)', () => {
      const misuse = (): Normalized => normalizer.normalize(42 as unknown as string);
      expect(misuse).to.throw().that.satisfies(isMatchingError);
    });
  });

  describe('properties', () => {
    it('is idempotent: normalising the name of a result gives the same concept', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const result = normalizer.normalize(text);
          if (result.name === null) return;
          expect(normalizer.normalize(result.name).code).to.equal(result.code);
          const licence = normalizer.normalizeLicence(text);
          if (licence.name !== null)
            expect(normalizer.normalizeLicence(licence.name).code).to.equal(licence.code);
        }),
        { numRuns: 400 },
      );
    });

    it('is deterministic: the same text gives the same result, from a separately built index too', () => {
      const other = createNormalizer(freshTaxonomy());
      fc.assert(
        fc.property(fc.array(anyText, { minLength: 1, maxLength: 5 }), (texts) => {
          for (const text of texts) {
            expect(other.normalize(text)).to.deep.equal(normalizer.normalize(text));
            expect(normalizer.normalize(text)).to.deep.equal(normalizer.normalize(text));
          }
        }),
        { numRuns: 150 },
      );
    });

    it('never throws on arbitrary strings and always returns a well-formed result', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          expectWellFormed(normalizer.normalize(text), text);
          expectWellFormed(normalizer.normalizeLicence(text), text);
        }),
        { numRuns: 800 },
      );
      expectWellFormed(normalizer.normalize('焊'.repeat(5000)), '焊'.repeat(5000));
    });

    it('does not mutate the taxonomy it normalises against', () => {
      const own = freshTaxonomy();
      const before = JSON.stringify({ occupations: own.occupations, licences: own.licences });
      const ownNormalizer: Normalizer = createNormalizer(own);
      fc.assert(
        fc.property(anyText, (text) => {
          ownNormalizer.normalize(text);
          ownNormalizer.normalizeLicence(text);
        }),
        { numRuns: 200 },
      );
      expect(JSON.stringify({ occupations: own.occupations, licences: own.licences })).to.equal(before);
    });

    it('returns frozen results, so no caller can change what the next one sees', () => {
      for (const text of ['电焊', '电焊学徒', '电工焊工', '高级电工']) {
        const result = normalizer.normalize(text);
        expect(Object.isFrozen(result), text).to.equal(true);
        expect(Object.isFrozen(result.suggestions), text).to.equal(true);
        for (const suggestion of result.suggestions) expect(Object.isFrozen(suggestion)).to.equal(true);
      }
    });
  });
});

describe('benchNormalize', () => {
  it('returns the known-alias, fuzzy-path and batch figures, each against a fuse.js baseline', () => {
    const lines: string[] = [];
    const figures = benchNormalize({
      lookups: 20_000,
      typos: 100,
      batchSize: 1_000,
      log: (line) => lines.push(line),
    });
    expect(figures.map((figure) => figure.name)).to.deep.equal([
      'normalize: known aliases',
      'normalize: fuzzy path (one wrong character)',
      'normalize: county batch of colloquial skill strings',
    ]);
    for (const figure of figures) {
      expect(figure.baseline).to.match(/fuse\.js/);
      expect(figure.ratio).to.be.greaterThan(0);
    }
    expect(figures[0]?.items).to.equal(20_000);
    expect(figures[0]?.['resolved']).to.equal(1);
    expect(figures[1]?.['p99Micros']).to.be.a('number');
    expect(figures[2]?.items).to.equal(1_000);
    expect(lines).to.have.length(3);
  });
});
