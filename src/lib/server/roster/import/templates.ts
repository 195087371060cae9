import { IMPORT_COLUMNS, type ImportKind } from '../../../roster/import-columns';
import { toCsv, toXlsx, type Table } from '../../spreadsheet/write';

/**
 * Downloadable templates: the Vietnamese headers and one example row, written like every export
 * (spreadsheet/write.ts). In the XLSX every column is text, so codes and phone numbers keep their
 * leading zeros.
 */
function templateTable(kind: ImportKind): Table {
	const columns = IMPORT_COLUMNS[kind];
	return { header: columns.map((c) => c.vi), rows: [columns.map((c) => c.example)] };
}

export function templateCsv(kind: ImportKind): Uint8Array {
	return new TextEncoder().encode(toCsv(templateTable(kind)));
}

export async function templateXlsx(kind: ImportKind, sheetName: string): Promise<Uint8Array> {
	const columns = IMPORT_COLUMNS[kind];
	return toXlsx(templateTable(kind), {
		sheetName,
		allText: true,
		width: (i) => Math.max(14, columns[i].vi.length + 4, columns[i].example.length + 2)
	});
}
