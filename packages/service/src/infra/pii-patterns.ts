// Patterns of personal data that must never appear in a log line, whatever field it hides in.

/** An 18-character 身份证号 with a plausible birth date, not part of a longer run of letters or digits. */
export const ID_NUMBER_PATTERN =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g;

/**
 * An 11-digit mainland mobile number, optionally written with +86, not inside a longer run of letters or
 * digits: a request id or an HMAC in hex (`…-b13912345678`) is not a phone.
 */
export const MOBILE_PATTERN = /(?<![0-9A-Za-z])(?:\+?86)?1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** Replaces every ID number and mobile number in `text` with a fixed mask. */
export function maskPiiPatterns(text: string): string {
  return text.replace(ID_NUMBER_PATTERN, '[身份证号]').replace(MOBILE_PATTERN, '[手机号]');
}
