import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { foldText } from '../../text';

/**
 * Reads a platform's usage export (CSV or XLSX, first sheet) into event objects with the API's
 * field names, so that the file goes through the same validation as POST /api/v1/usage-events.
 * Headers are matched without accents, case or spaces, in Vietnamese or English.
 */
export const IMPORT_MAX_ROWS = 20_000;

const HEADERS: Record<string, string[]> = {
	id: ['id', 'eventid', 'masukien', 'ma', 'idsukien'],
	platform: ['platform', 'nentang', 'platformcode', 'manentang'],
	teacherEmail: ['teacheremail', 'email', 'emailgiaovien', 'giaovienemail'],
	occurredAt: [
		'occurredat',
		'thoigian',
		'thoidiem',
		'ngay',
		'date',
		'time',
		'timestamp',
		'ngaysudung'
	],
	durationMinutes: ['durationminutes', 'minutes', 'duration', 'sophut', 'thoiluong', 'phut'],
	className: ['classname', 'class', 'lop', 'tenlop'],
	students: ['students', 'sohocsinh', 'hocsinh', 'studentcount']
};
const NUMERIC = new Set(['durationMinutes', 'students']);

function fieldOf(header: string): string | null {
	const key = foldText(header).replace(/[^a-z0-9]/g, '');
	for (const [field, names] of Object.entries(HEADERS)) if (names.includes(key)) return field;
	return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Spreadsheet dates carry the wall-clock time as UTC: read them as Vietnam time. */
function cellText(value: unknown): unknown {
	if (value instanceof Date) {
		const d = value;
		return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	}
	if (value && typeof value === 'object') {
		const v = value as { text?: unknown; result?: unknown; richText?: { text: string }[] };
		if (v.richText) return v.richText.map((r) => r.text).join('');
		if (v.text !== undefined) return v.text;
		if (v.result !== undefined) return v.result;
	}
	return value;
}

function toEvent(header: (string | null)[], cells: unknown[]) {
	const event: Record<string, unknown> = {};
	header.forEach((field, i) => {
		if (!field) return;
		let v = cellText(cells[i]);
		if (typeof v === 'string') v = v.trim();
		if (v === '' || v === null || v === undefined) return;
		if (NUMERIC.has(field) && typeof v === 'string' && /^\d+$/.test(v)) v = Number(v);
		if (field === 'id' && typeof v === 'number') v = String(v);
		event[field] = v;
	});
	return event;
}

export type ParsedFile =
	| { ok: true; events: Record<string, unknown>[] }
	| {
			ok: false;
			error: 'usage_import_unreadable' | 'usage_import_no_header' | 'usage_import_too_many';
	  };

export async function parseUsageFile(name: string, bytes: ArrayBuffer): Promise<ParsedFile> {
	let table: unknown[][];
	try {
		if (/\.xlsx$/i.test(name)) {
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(bytes);
			const sheet = book.worksheets[0];
			table = [];
			sheet?.eachRow({ includeEmpty: false }, (row) => {
				const values = row.values as unknown[];
				table.push(values.slice(1));
			});
		} else {
			const text = new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '');
			const result = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
			table = result.data;
		}
	} catch {
		return { ok: false, error: 'usage_import_unreadable' };
	}
	const header = (table[0] ?? []).map((h) => fieldOf(String(cellText(h) ?? '')));
	if (!header.includes('teacherEmail') || !header.includes('occurredAt'))
		return { ok: false, error: 'usage_import_no_header' };
	const body = table.slice(1);
	if (body.length > IMPORT_MAX_ROWS) return { ok: false, error: 'usage_import_too_many' };
	return { ok: true, events: body.map((cells) => toEvent(header, cells)) };
}
