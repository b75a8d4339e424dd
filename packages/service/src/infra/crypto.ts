import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Where an encrypted value belongs; bound into the ciphertext so it cannot be moved to another row or field. */
export interface FieldContext {
  readonly collection: string;
  readonly field: string;
  readonly id: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for single fields: a random IV per value, the key version in the output, and AAD bound to
 * collection/field/document id. Stored as `v<version>.<iv>.<ciphertext>.<tag>` (base64url parts).
 */
export class FieldCipher {
  readonly #keys: ReadonlyMap<number, Buffer>;
  readonly #current: number;

  constructor(keys: ReadonlyMap<number, Buffer>, currentVersion: number) {
    const key = keys.get(currentVersion);
    if (key?.length !== 32) throw new Error(`field key version ${currentVersion} is missing or not 32 bytes`);
    this.#keys = keys;
    this.#current = currentVersion;
  }

  encrypt(plaintext: string, context: FieldContext): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key(this.#current), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [
      `v${this.#current}`,
      iv.toString('base64url'),
      ciphertext.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
    ].join('.');
  }

  /** Throws when the value was tampered with, moved, or encrypted under an unknown key. */
  decrypt(stored: string, context: FieldContext): string {
    const [versionText, ivText, ciphertextText, tagText] = stored.split('.');
    const version = Number(versionText?.slice(1));
    if (
      !versionText?.startsWith('v') ||
      ivText === undefined ||
      ciphertextText === undefined ||
      tagText === undefined
    )
      throw new Error('not an encrypted field value');
    const decipher = createDecipheriv('aes-256-gcm', this.#key(version), Buffer.from(ivText, 'base64url'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(aad(context));
    decipher.setAuthTag(Buffer.from(tagText, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertextText, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** The key version a stored value was encrypted with (for re-encryption after a rotation). */
  static versionOf(stored: string): number {
    return Number(stored.slice(1, stored.indexOf('.')));
  }

  #key(version: number): Buffer {
    const key = this.#keys.get(version);
    if (key === undefined) throw new Error(`no field key version ${version}`);
    return key;
  }
}

function aad(context: FieldContext): Buffer {
  return Buffer.from(`${context.collection}/${context.field}/${context.id}`, 'utf8');
}

/** HMAC-SHA256 of a normalised value, for equality lookups and unique indexes over encrypted fields. */
export class BlindIndex {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length < 32) throw new Error('the HMAC key must be at least 32 bytes');
    this.#key = key;
  }

  /** `purpose` separates columns, so equal phone and ID texts never share a digest. */
  digest(purpose: string, normalized: string): string {
    return createHmac('sha256', this.#key).update(`${purpose}\u0000${normalized}`).digest('base64url');
  }
}
