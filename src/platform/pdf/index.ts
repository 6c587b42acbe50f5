// Tagged, accessible PDF documents and their e-seal.
export { createPdf, type Doc, type DocumentInfo, type PdfWriter } from './document.ts';
export { generateDevelopmentSeal, loadSeal, type Seal, type SealSettings, sealPdf } from './seal.ts';
