// Shared ways through the demo forms, for tests that need an application in a given state.
import assert from 'node:assert/strict';
import { type Browser, formAction, multipartBody, type Page } from './browser.ts';

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200 * 1024, 32)]);

/** Bewohnerparkausweis up to the upload step, for a company car (so two uploads are asked for). */
export async function parkingToUploads(b: Browser, person: Record<string, string> = {}): Promise<Page> {
  let page = await b.get('/antrag/bewohnerparkausweis');
  page = await b.post('/antrag/bewohnerparkausweis', {}, page.html);
  page = await b.post(page.url, { vorname: 'Max', nachname: 'Muster', strasse: 'Am Markt 2', plz: '12345', email: '', telefon: '', ...person }, page.html);
  page = await b.post(page.url, { kennzeichen: 'MS-AB 123', zone: 'A', halter: 'firma', gueltig_ab: '01.12.2026' }, page.html);
  assert.equal(page.url, '/antrag/bewohnerparkausweis/schritt/nachweise');
  return page;
}

/** Posts a multipart step form (the upload step of the parking permit unless `step` names another). */
export function postUploads(b: Browser, page: Page, files: Parameters<typeof multipartBody>[1], fields: Record<string, string> = {}, step = 'nachweise') {
  const { payload, contentType } = multipartBody(fields, files);
  return b.request('POST', formAction(page.html, `/schritt/${step}`), payload, { 'content-type': contentType });
}

/** A complete Bewohnerparkausweis application, submitted; returns the confirmation page. */
export async function submitParking(b: Browser, email: string, person: Record<string, string> = {}): Promise<Page> {
  let page = await parkingToUploads(b, person);
  page = await postUploads(b, page, [
    { name: 'fahrzeugschein', filename: 'fahrzeugschein.png', type: 'image/png', data: PNG },
    { name: 'nutzungsnachweis', filename: 'arbeitgeber.pdf', type: 'application/pdf', data: PDF },
  ]);
  page = await b.post(page.url, { laufzeit: '12' }, page.html);
  assert.equal(page.url, '/antrag/bewohnerparkausweis/pruefen');
  page = await b.post('/antrag/bewohnerparkausweis/absenden', { email, declaration: 'ja' }, page.html);
  assert.equal(page.url, '/antrag/bewohnerparkausweis/bestaetigung');
  return page;
}
