import { z } from 'zod';
import { parseSecondaryScore } from '$lib/grades/scores';
import { hasControlChars } from './common';

/**
 * The gradebook form, shared by the server and the browser. One text input per cell: a score
 * ("8,5" or "8.5"), a code for a cell without a score ("V": absent, make-up pending; "M": exempt;
 * "Đ"/"CĐ": a comment subject's Đạt/Chưa đạt) or empty (not entered yet, never read as 0).
 */
export type CellState = 'value' | 'absent_makeup' | 'exempt' | 'dat' | 'chua_dat';
export interface CellInput {
	value: number | null;
	state: CellState;
}
export type Assessment = 'score' | 'comment';

export const COLUMN_PATTERN = /^(tx[1-9]|gk|ck)$/;
/** The longest text a cell can sensibly hold; anything longer is "not a score", never a 500. */
const MAX_CELL_TEXT = 12;

/** The columns of a plan with `regularCount` regular assessments: tx1..txN, gk, ck. */
export function planColumns(regularCount: number): string[] {
	return [...Array.from({ length: regularCount }, (_, i) => `tx${i + 1}`), 'gk', 'ck'];
}

const CODES: Record<string, CellState> = {
	V: 'absent_makeup',
	M: 'exempt',
	Đ: 'dat',
	D: 'dat',
	CĐ: 'chua_dat',
	CD: 'chua_dat'
};

export type ParsedCell = { ok: true; cell: CellInput } | { ok: false; code: string };

/** What a typed cell means for a subject of `assessment`, or the error code to show beside it. */
export function parseCellText(text: string, assessment: Assessment): ParsedCell {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: true, cell: { value: null, state: 'value' } };
	if (trimmed.length > MAX_CELL_TEXT) return { ok: false, code: 'grades_v_not_a_number' };
	const state = CODES[trimmed.toUpperCase()];
	if (state === 'absent_makeup' || state === 'exempt')
		return { ok: true, cell: { value: null, state } };
	if (assessment === 'comment') {
		return state
			? { ok: true, cell: { value: null, state } }
			: { ok: false, code: 'grades_v_comment' };
	}
	if (state) return { ok: false, code: 'grades_v_score_only' };
	const parsed = parseSecondaryScore(trimmed);
	return parsed.ok
		? { ok: true, cell: { value: parsed.value, state: 'value' } }
		: { ok: false, code: `grades_v_${parsed.problem}` };
}

/** A stored cell as the text of its input ("8,5" in Vietnamese, "8.5" in English). */
export function cellText(cell: CellInput | undefined, locale: 'vi' | 'en' = 'vi'): string {
	if (!cell) return '';
	if (cell.state === 'value') {
		if (cell.value === null) return '';
		const text = String(cell.value);
		return locale === 'vi' ? text.replace('.', ',') : text;
	}
	return { absent_makeup: 'V', exempt: 'M', dat: 'Đ', chua_dat: 'CĐ' }[cell.state];
}

export function sameCell(a: CellInput, b: CellInput): boolean {
	return a.state === b.state && a.value === b.value;
}

/**
 * Input names: `s_<pupil>_<column>` (typed text), `v_...` (version, then `:` and the text as loaded
 * when it is not empty: one hidden field per cell keeps a class's grid light), `o_...` (text as
 * loaded, the older separate field; still read).
 */
export const cellField = (kind: 's' | 'o' | 'v', studentId: number, column: string) =>
	`${kind}_${studentId}_${column}`;

/** The hidden `v_` value: the version, and the text the cell was loaded with after a colon. */
export const loadedField = (version: number, text: string) =>
	text ? `${version}:${text}` : `${version}`;
const LOADED = /^(\d{1,9})(?::([\s\S]*))?$/;

const FIELD = /^([sov])_([1-9]\d{0,9})_(tx[1-9]|gk|ck)$/;
/**
 * The comment column: `c_<pupil>` (typed), `cv_<pupil>` (version, then `:` and the text as loaded
 * when not empty, as `loadedField` writes it), `co_<pupil>` (text as loaded, the older field).
 */
const COMMENT_FIELD = /^(c|co|cv)_([1-9]\d{0,9})$/;
const ANY_FIELD = new RegExp(`${FIELD.source}|${COMMENT_FIELD.source}`);

/** At most ~60 pupils x (11 columns x 3 + 3 comment) inputs per form. */
export const gradebookFormSchema = z
	.record(z.string().regex(ANY_FIELD), z.string().max(200_000))
	.refine((r) => Object.keys(r).length <= 2_500);

export interface PostedCell {
	studentId: number;
	column: string;
	text: string;
	original: string;
	version: number;
}

/** The posted cells, each with its typed text, the text it was loaded with and its version. */
export function postedCells(form: z.infer<typeof gradebookFormSchema>): PostedCell[] | null {
	const cells = new Map<string, PostedCell>();
	for (const [name, text] of Object.entries(form)) {
		const match = FIELD.exec(name);
		if (!match) continue;
		const [, kind, id, column] = match;
		const studentId = Number(id);
		if (studentId > 2_147_483_647) return null;
		const key = `${id}_${column}`;
		const cell = cells.get(key) ?? { studentId, column, text: '', original: '', version: -1 };
		if (kind === 's') cell.text = text;
		else if (kind === 'o') cell.original = text;
		else {
			const loaded = LOADED.exec(text);
			if (!loaded) return null;
			cell.version = Number(loaded[1]);
			if (loaded[2] !== undefined) cell.original = loaded[2];
		}
		cells.set(key, cell);
	}
	const list = [...cells.values()];
	return list.every((c) => c.version >= 0) ? list : null;
}

/**
 * A teacher's comment (nhận xét, Circulars 22/2021 and 27/2020): NFC, line breaks kept as \n,
 * trimmed; at most `max` characters; control characters other than tab and line breaks refused.
 * Empty is allowed (no comment yet, or a comment taken back).
 */
export const COMMENT_MAX = 500;
export const HOMEROOM_COMMENT_MAX = 1000;

export const commentSchema = (max = COMMENT_MAX) =>
	z
		.string()
		.refine((v) => !hasControlChars(v), 'grades_v_comment_control')
		.transform((v) => v.normalize('NFC').replace(/\r\n?/g, '\n').trim())
		.pipe(z.string().max(max, 'grades_v_comment_long'));

/** Why a stored comment body is refused (the service's check), or null. */
export function hasCommentProblem(body: string, max = COMMENT_MAX): string | null {
	if (hasControlChars(body)) return 'grades_v_comment_control';
	if (body.length > max) return 'grades_v_comment_long';
	return null;
}

export type ParsedComment = { ok: true; body: string } | { ok: false; code: string; max: number };

/** What a typed comment will be stored as, or the error code to show beside it. */
export function parseCommentText(text: string, max = COMMENT_MAX): ParsedComment {
	const parsed = commentSchema(max).safeParse(text);
	if (parsed.success) return { ok: true, body: parsed.data };
	return { ok: false, code: parsed.error.issues[0].message, max };
}

export interface PostedComment {
	studentId: number;
	text: string;
	original: string;
	version: number;
}

/** The posted comments of a gradebook form, or null when a version or pupil id is malformed. */
export function postedComments(form: z.infer<typeof gradebookFormSchema>): PostedComment[] | null {
	const comments = new Map<number, PostedComment>();
	for (const [name, text] of Object.entries(form)) {
		const match = COMMENT_FIELD.exec(name);
		if (!match) continue;
		const studentId = Number(match[2]);
		if (studentId > 2_147_483_647) return null;
		const c = comments.get(studentId) ?? { studentId, text: '', original: '', version: -1 };
		if (match[1] === 'c') c.text = text;
		else if (match[1] === 'co') c.original = text;
		else {
			const loaded = LOADED.exec(text);
			if (!loaded) return null;
			c.version = Number(loaded[1]);
			if (loaded[2] !== undefined) c.original = loaded[2];
		}
		comments.set(studentId, c);
	}
	const list = [...comments.values()];
	return list.every((c) => c.version >= 0) ? list : null;
}

export const commentField = (kind: 'c' | 'co' | 'cv', studentId: number) => `${kind}_${studentId}`;
