// fast-check arbitraries and one-field mutations from the JSON Schemas the service publishes for its
// request bodies (generated from the zod schemas, see infra/http/openapi.ts): FUZZ-02.
import fc from 'fast-check';

export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly anyOf?: readonly JsonSchema[];
}

export type Path = readonly (string | number)[];

/** A value the caller wants at a path (ids of records that exist, unique ID numbers …), or undefined. */
export type Override = (path: Path, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

/**
 * Text units: no whitespace at the ends, none of the seeded family names (PII-04 scans for those), and
 * some hostile ones: operators' and paths' characters, quotes, markup, a NUL, control and zero-width
 * characters. Every unit is one UTF-16 code unit, so a split is safe.
 */
const TEXT_UNITS = [
  ...'安居乐业培训就业岗位工厂社区abcdefXYZ0123456789-_.,:/()（）、 '.split(''),
  ...'$\\"\'<>{}[]&%#?=*'.split(''),
  '\u0000',
  '\u0001',
  '\u001f',
  '\u200b',
  '\ufeff',
];
/** Arrays are kept short: the point is shape, not volume. */
const MAX_GENERATED_ITEMS = 3;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.enum !== undefined) return fc.constantFrom(...(schema.enum as string[]));
  const minLength = schema.minLength ?? 0;
  if (schema.pattern !== undefined) {
    // A pattern alone does not bound the length (`[a-z0-9]+(-[a-z0-9]+)*` grows past a maxLength of 64).
    const maxPatterned = schema.maxLength ?? Number.POSITIVE_INFINITY;
    return fc
      .stringMatching(new RegExp(schema.pattern), { size: 'xsmall' })
      .filter((text) => text.length >= minLength && text.length <= maxPatterned);
  }
  const maxLength = Math.min(schema.maxLength ?? 40, minLength + 30);
  return fc
    .string({ unit: fc.constantFrom(...TEXT_UNITS), minLength, maxLength })
    .map((text) => text.trim())
    .filter((text) => text.length >= minLength);
}

/** Values valid for `schema`, with `override` deciding wherever it returns an arbitrary. */
export function arbitraryOf(schema: JsonSchema, override: Override, path: Path = []): fc.Arbitrary<unknown> {
  const chosen = override(path, schema);
  if (chosen !== undefined) return chosen;
  if (schema.anyOf !== undefined)
    return fc.oneof(...schema.anyOf.map((branch) => arbitraryOf(branch, override, path)));
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, child]) => [key, arbitraryOf(child, override, [...path, key])]),
      );
      return fc.record(model, { requiredKeys: [...(schema.required ?? [])] });
    }
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, override, [...path, 0]), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS),
      });
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1_000_000,
        max: schema.maximum ?? 1_000_000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case undefined:
      return fc.constant(null);
  }
  return fc.constant(null);
}

/** One field of a valid body changed so that the body is no longer valid. */
export interface Mutation {
  readonly description: string;
  apply(body: unknown): unknown;
}

/** A copy of `value` with the value at `path` replaced, or removed when `next` is REMOVE. */
function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    copy[head as number] = setAt(copy[head as number], rest, next);
    return copy;
  }
  const record = value as Record<string, unknown>;
  const entries = Object.entries(record).filter(([key]) => key !== String(head));
  if (!(rest.length === 0 && next === REMOVE))
    entries.push([String(head), setAt(record[String(head)], rest, next)]);
  return Object.fromEntries(entries);
}
const REMOVE = Symbol('remove');

function describe(path: Path): string {
  return path.length === 0 ? 'the body' : path.join('.');
}

/** Values that break `schema` whatever the rest of the body: wrong types, out of range, bad patterns. */
function invalidValuesFor(schema: JsonSchema, current: unknown): [string, unknown][] {
  const values: [string, unknown][] = [['null', null]];
  switch (schema.type) {
    case 'string':
      values.push(
        ['a number', 12345],
        ['an object', { $ne: null }],
        ['an array', ['a']],
        ['a boolean', true],
      );
      if (schema.maxLength !== undefined)
        values.push(['one character too long', '工'.repeat(schema.maxLength + 1)]);
      if ((schema.minLength ?? 0) >= 1 || schema.pattern !== undefined) values.push(['empty', '']);
      if (schema.pattern !== undefined) values.push(['off its pattern', '!not-this-shape!']);
      if (schema.enum !== undefined) values.push(['not one of its values', 'not-a-listed-value']);
      break;
    case 'integer':
      values.push(['a fraction', 1.5], ['a numeric string', '1'], ['a boolean', false]);
      if (schema.minimum !== undefined) values.push(['below its minimum', schema.minimum - 1]);
      if (schema.maximum !== undefined) values.push(['above its maximum', schema.maximum + 1]);
      break;
    case 'number':
      values.push(['a numeric string', '1'], ['a boolean', false]);
      if (schema.minimum !== undefined) values.push(['below its minimum', schema.minimum - 1]);
      if (schema.maximum !== undefined) values.push(['above its maximum', schema.maximum + 1]);
      break;
    case 'boolean':
      values.push(['a string', 'true'], ['a number', 1]);
      break;
    case 'array':
      values.push(['an object', { 0: current }], ['a string', 'a']);
      if (schema.maxItems !== undefined && Array.isArray(current) && current.length > 0)
        values.push([
          'one item too many',
          Array.from({ length: schema.maxItems + 1 }, () => (current as unknown[])[0]),
        ]);
      break;
    case 'object':
      values.push(['an array', [current]], ['a string', 'a']);
      break;
    case undefined:
      break;
  }
  return values;
}

function matchingBranch(schema: JsonSchema, value: unknown): JsonSchema {
  if (schema.anyOf === undefined) return schema;
  const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  return (
    schema.anyOf.find((branch) => keys.every((key) => key in (branch.properties ?? {}))) ??
    schema.anyOf[0] ??
    {}
  );
}

/**
 * Every one-field mutation of `body` that makes it invalid under `schema`: each present field gets each
 * invalid value of its type; each required field is removed; each object gets a key it does not allow
 * (an operator, a mass-assignment target). `extra` adds values known invalid at a path (e.g. an ID number
 * with a wrong check character) that the JSON Schema cannot express.
 */
export function mutationsOf(
  schema: JsonSchema,
  body: unknown,
  extra: (path: Path) => [string, unknown][] = () => [],
  path: Path = [],
): Mutation[] {
  const own = matchingBranch(schema, body);
  const mutations: Mutation[] = [...invalidValuesFor(own, body), ...extra(path)].map(([what, value]) => ({
    description: `${describe(path)} → ${what}`,
    apply: (whole: unknown) => setAt(whole, path, value),
  }));
  if (own.type === 'object' && body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    for (const key of ['$set', 'townshipCode', '_id', 'role', 'unknownField']) {
      if (key in (own.properties ?? {})) continue;
      mutations.push({
        description: `${describe(path)} + an unknown key ${key}`,
        apply: (whole: unknown) => setAt(whole, [...path, key], key === '$set' ? { taken: 0 } : 'x'),
      });
    }
    for (const key of own.required ?? [])
      mutations.push({
        description: `${describe([...path, key])} removed`,
        apply: (whole: unknown) => setAt(whole, [...path, key], REMOVE),
      });
    for (const [key, child] of Object.entries(own.properties ?? {}))
      if (key in record) mutations.push(...mutationsOf(child, record[key], extra, [...path, key]));
  }
  if (own.type === 'array' && Array.isArray(body) && body.length > 0 && own.items !== undefined)
    mutations.push(...mutationsOf(own.items, body[0], extra, [...path, 0]));
  return mutations;
}
