import PDFDocument from 'pdfkit';
import { fontPath, type FontStyle } from './fonts';

/**
 * One small declarative PDF API for the whole portal (report cards, timetables, slips): a document
 * is a title, optional header lines above it (school, year), and blocks drawn top to bottom on A4
 * pages with page breaks (a table repeats its header row on each page). Text is any Unicode the
 * DejaVu Sans font covers (Vietnamese included). `renderPdf` returns the finished bytes.
 */
export interface PdfColumn {
	header: string;
	/** a share of the usable width (relative to the other columns); default 1 */
	width?: number;
	align?: 'left' | 'center' | 'right';
}

export type PdfBlock =
	| { kind: 'heading'; text: string }
	| { kind: 'text'; text: string; style?: FontStyle; size?: number }
	/** label: value lines (pupil, class, school year) */
	| { kind: 'fields'; fields: Array<[label: string, value: string]> }
	| { kind: 'table'; columns: PdfColumn[]; rows: string[][] }
	| { kind: 'space'; lines?: number };

export interface PdfSpec {
	title: string;
	/** small lines above the title (e.g. department, school) */
	header?: string[];
	/** a line at the bottom of each page (e.g. "printed on dd/mm/yyyy") */
	footer?: string;
	/** the title in the PDF's metadata (a viewer's window title); default `title` */
	documentTitle?: string;
	/** A4 landscape (wide tables: a timetable's week); default portrait */
	landscape?: boolean;
	/** document metadata */
	author?: string;
	lang?: string;
	blocks: PdfBlock[];
}

const MARGIN = 42;
const BODY_SIZE = 10;
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;

function useFont(doc: Doc, style: FontStyle, size = BODY_SIZE) {
	doc.font(style, size);
}

function contentWidth(doc: Doc) {
	return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

function bottom(doc: Doc) {
	return doc.page.height - doc.page.margins.bottom;
}

function ensureRoom(doc: Doc, height: number) {
	if (doc.y + height > bottom(doc)) doc.addPage();
}

function drawHeader(doc: Doc, spec: PdfSpec) {
	useFont(doc, 'regular', 9);
	for (const line of spec.header ?? []) doc.text(line, { align: 'left' });
	if (spec.header?.length) doc.moveDown(0.5);
	useFont(doc, 'bold', 15);
	doc.text(spec.title, { align: 'center' });
	doc.moveDown(0.6);
}

function drawFields(doc: Doc, fields: Array<[string, string]>) {
	for (const [label, value] of fields) {
		useFont(doc, 'bold');
		doc.text(`${label}: `, { continued: true });
		useFont(doc, 'regular');
		doc.text(value);
	}
	doc.moveDown(0.4);
}

function columnWidths(doc: Doc, columns: PdfColumn[]): number[] {
	const total = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
	return columns.map((c) => (contentWidth(doc) * (c.width ?? 1)) / total);
}

function rowHeight(doc: Doc, cells: string[], widths: number[]) {
	const heights = cells.map((text, i) =>
		doc.heightOfString(text || ' ', { width: widths[i] - 2 * CELL_PAD })
	);
	return Math.max(...heights) + 2 * CELL_PAD;
}

function drawRow(doc: Doc, cells: string[], columns: PdfColumn[], widths: number[], head: boolean) {
	useFont(doc, head ? 'bold' : 'regular', 9);
	const height = rowHeight(doc, cells, widths);
	ensureRoom(doc, height);
	const top = doc.y;
	let x = doc.page.margins.left;
	if (head) doc.rect(x, top, contentWidth(doc), height).fill('#eeeeee').fillColor('black');
	cells.forEach((text, i) => {
		doc.rect(x, top, widths[i], height).lineWidth(0.5).stroke('#888888');
		doc.text(text ?? '', x + CELL_PAD, top + CELL_PAD, {
			width: widths[i] - 2 * CELL_PAD,
			align: head ? 'center' : (columns[i].align ?? 'left')
		});
		x += widths[i];
	});
	doc.x = doc.page.margins.left;
	doc.y = top + height;
	return height;
}

function drawTable(doc: Doc, columns: PdfColumn[], rows: string[][]) {
	const widths = columnWidths(doc, columns);
	const headers = columns.map((c) => c.header);
	useFont(doc, 'bold', 9);
	// keep the header with at least its first row
	ensureRoom(doc, rowHeight(doc, headers, widths) * 2);
	drawRow(doc, headers, columns, widths, true);
	for (const row of rows) {
		useFont(doc, 'regular', 9);
		if (doc.y + rowHeight(doc, row, widths) > bottom(doc)) {
			doc.addPage();
			drawRow(doc, headers, columns, widths, true);
		}
		drawRow(doc, row, columns, widths, false);
	}
	doc.moveDown(0.6);
}

function drawBlock(doc: Doc, block: PdfBlock) {
	switch (block.kind) {
		case 'heading':
			useFont(doc, 'bold', 12);
			ensureRoom(doc, 40);
			doc.text(block.text);
			doc.moveDown(0.3);
			return;
		case 'text':
			useFont(doc, block.style ?? 'regular', block.size ?? BODY_SIZE);
			doc.text(block.text);
			doc.moveDown(0.3);
			return;
		case 'fields':
			return drawFields(doc, block.fields);
		case 'table':
			return drawTable(doc, block.columns, block.rows);
		case 'space':
			doc.moveDown(block.lines ?? 1);
	}
}

function drawFooters(doc: Doc, footer: string | undefined) {
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const text = [footer, `${i + 1}/${range.count}`].filter(Boolean).join('  ·  ');
		useFont(doc, 'regular', 8);
		const y = doc.page.height - doc.page.margins.bottom + 12;
		doc.page.margins.bottom = 0; // writing in the margin must not open a new page
		doc.text(text, doc.page.margins.left, y, { width: contentWidth(doc), align: 'center' });
	}
}

function newDocument(spec: PdfSpec): Doc {
	const doc = new PDFDocument({
		size: 'A4',
		layout: spec.landscape ? 'landscape' : 'portrait',
		margin: MARGIN,
		bufferPages: true,
		// never the built-in Helvetica: it has no Vietnamese letters
		font: fontPath('regular'),
		lang: spec.lang ?? 'vi',
		displayTitle: true,
		info: {
			Title: spec.documentTitle ?? spec.title,
			Author: spec.author ?? 'Trường Số',
			Creator: 'Trường Số'
		}
	});
	doc.registerFont('regular', fontPath('regular'));
	doc.registerFont('bold', fontPath('bold'));
	doc.registerFont('italic', fontPath('italic'));
	return doc;
}

/** Draws the document and returns its bytes (starting with `%PDF-`). */
export function renderPdf(spec: PdfSpec): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const doc = newDocument(spec);
		const chunks: Buffer[] = [];
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
		try {
			drawHeader(doc, spec);
			for (const block of spec.blocks) drawBlock(doc, block);
			drawFooters(doc, spec.footer);
			doc.end();
		} catch (err) {
			reject(err);
		}
	});
}
