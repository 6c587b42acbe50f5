// Who may open an application: whoever holds its access key (a random secret kept in a cookie scoped
// to the form, or in the resume link sent by mail). Only a hash of the secret is stored.
export interface AccessKey {
  applicationId: string;
  secret: string;
}

export const formatKey = (key: AccessKey) => `${key.applicationId}.${key.secret}`;

export function parseKey(value: string | undefined): AccessKey | undefined {
  const match = value ? /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  return match ? { applicationId: match[1] as string, secret: match[2] as string } : undefined;
}

export const draftExpiry = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000);

export const cookieName = (formId: string) => `amtsweg_antrag_${formId.replaceAll('-', '_')}`;
