// What counts as an e-mail address everywhere in the portal: something@domain.tld, at most 254
// characters (RFC 5321's limit for a path). Whether it exists only a mail to it can tell.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export const isEmailAddress = (value: string): boolean => value.length <= 254 && EMAIL.test(value);
