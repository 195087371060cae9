export { renderPdf, type PdfBlock, type PdfColumn, type PdfSpec } from './document';
export { pdfResponse } from './response';
export { fontPath, FONT_FILES } from './fonts';
