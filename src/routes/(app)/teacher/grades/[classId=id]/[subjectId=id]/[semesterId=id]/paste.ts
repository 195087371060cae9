import { clipboardRows, isRangePaste, placePaste } from '$lib/grades/paste';
import { errorText } from '$lib/i18n/errors';
import type { Assessment } from '$lib/schemas/grades';

/**
 * A spreadsheet range pasted into a cell of the grid: fills the inputs below (and to the right),
 * each checked at once; the errors go beside their cells (keys `<pupil>_<column>`). Nothing is
 * saved until the teacher presses Save. Null when the paste is a single value (the browser's own).
 */
export function pasteColumn(
	event: ClipboardEvent,
	assessment: Assessment,
	editable: (column: string) => boolean
): { filled: number; extra: number; errors: Record<string, string>; cleared: string[] } | null {
	const input = event.target as HTMLInputElement;
	const text = event.clipboardData?.getData('text/plain') ?? '';
	if (!input.dataset.row || !input.dataset.col || !isRangePaste(text)) return null;
	event.preventDefault();
	const form = input.form!;
	const inputs = [...form.querySelectorAll<HTMLInputElement>('input[data-row][data-col]')];
	const rows = Math.max(...inputs.map((i) => Number(i.dataset.row))) + 1;
	const columns = [...new Set(inputs.map((i) => i.dataset.col!))];
	const placed = placePaste(
		clipboardRows(text),
		{ row: Number(input.dataset.row), column: input.dataset.col },
		{ rows, columns, assessment, editable }
	);
	const errors: Record<string, string> = {};
	const cleared: string[] = [];
	for (const cell of placed.cells) {
		const target = form.querySelector<HTMLInputElement>(
			`input[data-row="${cell.row}"][data-col="${cell.column}"]`
		);
		if (!target) continue;
		target.value = cell.text;
		const key = cellKeyOf(target);
		if (cell.error) errors[key] = errorText(cell.error);
		else cleared.push(key);
	}
	return { filled: placed.cells.length, extra: placed.extra, errors, cleared };
}

/** The `<pupil>_<column>` key of a grid input, read from its name `s_<pupil>_<column>`. */
export function cellKeyOf(input: HTMLInputElement): string {
	return input.name.slice(2);
}
