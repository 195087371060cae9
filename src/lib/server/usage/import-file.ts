import { foldText } from '../../text';
import { readSheet } from '../spreadsheet/read';

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

function toEvent(header: (string | null)[], cells: string[]) {
	const event: Record<string, unknown> = {};
	header.forEach((field, i) => {
		const v = cells[i] ?? '';
		if (!field || v === '') return;
		event[field] = NUMERIC.has(field) && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v;
	});
	return event;
}

export type ParsedFile =
	{ ok: true; events: Record<string, unknown>[] } | { ok: false; error: 'usage_import_no_header' };

/**
 * Throws SpreadsheetError when the file cannot be read (spreadsheet/read.ts: strict UTF-8 CSV or
 * XLSX, read in a worker with size, row and cell limits). Dates in XLSX cells come as
 * 'dd/mm/yyyy HH:MM', which parseOccurredAt reads as Vietnam time.
 */
export async function parseUsageFile(name: string, bytes: Uint8Array): Promise<ParsedFile> {
	const [header, ...body] = await readSheet(name, bytes, {
		maxRows: IMPORT_MAX_ROWS,
		// the route refuses files over UPLOAD_MAX_BYTES before reading them
		maxBytes: Number.MAX_SAFE_INTEGER
	});
	const fields = header.cells.map(fieldOf);
	if (!fields.includes('teacherEmail') || !fields.includes('occurredAt'))
		return { ok: false, error: 'usage_import_no_header' };
	return { ok: true, events: body.map((r) => toEvent(fields, r.cells)) };
}
