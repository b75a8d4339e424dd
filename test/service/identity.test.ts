import { expect } from 'chai';
import fc from 'fast-check';
import { checkIdNumber, checkMobile, idCheckCharacter, IdNumber, MobilePhone } from '@anju/shared';

const PROVINCES = ['11', '31', '44', '50', '51', '52', '53', '65', '81'];

/** Valid synthetic 身份证号: a province, a real birth date, a sequence, the MOD 11-2 check character. */
const validIdNumber = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    area: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({
      min: new Date('1930-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, birth, sequence }) => {
    const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `${province}${String(area).padStart(4, '0')}${date}${String(sequence).padStart(3, '0')}`;
    return `${first17}${idCheckCharacter(first17)}`;
  });

const ALPHABET = '0123456789X';

describe('identity numbers (PII-01)', () => {
  it('PII-01: accepts generated valid ID numbers and returns them unchanged', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        expect(checkIdNumber(id)).to.deep.equal({ ok: true, value: id });
      }),
    );
  });

  it('PII-01: every single-character change of a valid ID number is rejected', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        for (let i = 0; i < id.length; i += 1) {
          for (const c of ALPHABET) {
            if (c === id[i]) continue;
            const changed = `${id.slice(0, i)}${c}${id.slice(i + 1)}`;
            expect(checkIdNumber(changed).ok, `${i}:${c}`).to.equal(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('PII-01: every adjacent swap of two different characters is rejected', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        for (let i = 0; i + 1 < id.length; i += 1) {
          if (id[i] === id[i + 1]) continue;
          const swapped = `${id.slice(0, i)}${id[i + 1]!}${id[i]!}${id.slice(i + 2)}`;
          expect(checkIdNumber(swapped).ok, `swap ${i}`).to.equal(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('PII-01: full-width digits and a lower-case x are normalised (NFKC, upper-case X)', () => {
    const id = '11010519491231002X';
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace('X', 'ｘ');
    expect(checkIdNumber(fullWidth)).to.deep.equal({ ok: true, value: id });
    expect(checkIdNumber(id.toLowerCase())).to.deep.equal({ ok: true, value: id });
    expect(IdNumber.parse(` ${id.toLowerCase()} `)).to.equal(id);
  });

  it('PII-01: names the rule that failed: format, province, birth date, check character', () => {
    expect(checkIdNumber('1101051949123100')).to.deep.equal({ ok: false, code: 'ID_FORMAT' });
    const withProvince = (p: string) => {
      const first17 = `${p}010519491231002`;
      return `${first17}${idCheckCharacter(first17)}`;
    };
    expect(checkIdNumber(withProvince('99'))).to.deep.equal({ ok: false, code: 'ID_PROVINCE' });
    const withBirth = (date: string) => {
      const first17 = `110105${date}002`;
      return `${first17}${idCheckCharacter(first17)}`;
    };
    expect(checkIdNumber(withBirth('19490230'))).to.deep.equal({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(checkIdNumber(withBirth('18991231'))).to.deep.equal({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(checkIdNumber(withBirth('20990101'))).to.deep.equal({ ok: false, code: 'ID_BIRTH_DATE' });
    expect(checkIdNumber('110105194912310021')).to.deep.equal({ ok: false, code: 'ID_CHECK_CHARACTER' });
  });

  it('PII-01: a rejected ID number never appears in the validation message', () => {
    const parsed = IdNumber.safeParse('110105194912310021');
    expect(parsed.success).to.equal(false);
    expect(JSON.stringify(parsed.error?.issues)).not.to.include('110105194912310021');
  });

  it('does not mutate its input', () => {
    const input = '11010519491231002x';
    checkIdNumber(input);
    expect(input).to.equal('11010519491231002x');
  });
});

describe('mainland mobile numbers (PII-01)', () => {
  const validMobile = fc
    .tuple(fc.constantFrom('3', '4', '5', '6', '7', '8', '9'), fc.stringMatching(/^\d{9}$/))
    .map(([second, rest]) => `1${second}${rest}`);

  it('PII-01: accepts 1[3-9] and nine digits, with +86, spaces, hyphens or full-width digits', () => {
    fc.assert(
      fc.property(validMobile, (phone) => {
        expect(checkMobile(phone)).to.deep.equal({ ok: true, value: phone });
        expect(checkMobile(`+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`)).to.deep.equal({
          ok: true,
          value: phone,
        });
      }),
    );
    expect(MobilePhone.parse('１３８００１３８０００')).to.equal('13800138000');
  });

  it('PII-01: rejects landlines, short or long numbers and 12x prefixes', () => {
    for (const bad of [
      '12800138000',
      '1380013800',
      '138001380001',
      '0851-12345678',
      '23800138000',
      '1380013800a',
    ])
      expect(checkMobile(bad).ok, bad).to.equal(false);
  });
});
