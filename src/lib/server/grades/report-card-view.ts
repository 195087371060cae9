import { checkpointSemester, type Checkpoint } from '$lib/grades/checkpoints';
import type { Level } from '$lib/grades/secondary';
import { formatDate, todayIso } from '$lib/dates';
import { awardLabel, checkpointLabel, decisionLabel, levelLabel } from '$lib/i18n/grades';
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { CellInput } from '$lib/schemas/grades';
import { renderPdf, type PdfColumn, type PdfSpec } from '../pdf';
import type { ParentSemester, ParentSubject } from './parent';
import type { ReportCardData } from './report-card';

/**
 * The report card in words, in the request's language: one model drawn both as the printable page
 * and as the PDF, so the two always say the same.
 */
export interface ReportCardView {
	title: string;
	docTitle: string;
	header: string[];
	fields: Array<[string, string]>;
	columns: PdfColumn[];
	rows: string[][];
	/** a line under the subjects' table (the primary card's level key) */
	legend?: string;
	/** further tables after the subjects (the primary card's qualities and competences) */
	sections?: Array<{ heading: string; columns: PdfColumn[]; rows: string[][] }>;
	summary: Array<[string, string]>;
	/** the comments' heading when not the subject teachers' (primary: the checkpoint's) */
	commentsHeading?: string;
	/** the subject teachers' comments (nhận xét) of the card's semesters: subject (semester), text */
	comments: Array<[string, string]>;
	note: string;
	footer: string;
}

const number = (v: number) => (getLocale() === 'en' ? String(v) : String(v).replace('.', ','));

function cellText(c: CellInput | undefined): string {
	if (!c) return '–';
	if (c.state === 'absent_makeup') return m.grades_makeup();
	if (c.state === 'exempt') return m.grades_exempt();
	if (c.state === 'dat') return m.grades_passed();
	if (c.state === 'chua_dat') return m.grades_failed();
	return c.value === null ? '–' : number(c.value);
}

function resultText(r: ParentSemester['result'] | ParentSubject['year']): string {
	if (!r) return '–';
	if ('status' in r && r.status === 'exempt') return m.grades_exempt();
	if ('status' in r && r.status !== 'ok') return '–';
	if (r.average !== null) return number(r.average);
	if (r.passed !== null) return r.passed ? m.grades_passed() : m.grades_failed();
	return '–';
}

type Column = { header: string; value: (s: ParentSubject) => string };

const semesterOf = (s: ParentSubject, n: 1 | 2) => s.semesters.find((x) => x.number === n);
const midColumn = (n: 1 | 2): Column => ({
	header: m.reportcard_col_mid({ n: n === 1 ? 'I' : 'II' }),
	value: (s) => cellText(semesterOf(s, n)?.cells.gk)
});
const semesterColumn = (n: 1 | 2): Column => ({
	header: m.reportcard_col_semester({ n: n === 1 ? 'I' : 'II' }),
	value: (s) => resultText(semesterOf(s, n)?.result ?? null)
});
const yearColumn: Column = { header: m.reportcard_col_year(), value: (s) => resultText(s.year) };

function columnsOf(checkpoint: Checkpoint): Column[] {
	if (checkpoint === 'mid1') return [midColumn(1)];
	if (checkpoint === 'end1') return [midColumn(1), semesterColumn(1)];
	if (checkpoint === 'mid2') return [semesterColumn(1), midColumn(2)];
	return [semesterColumn(1), semesterColumn(2), yearColumn];
}

const levelText = (level: Level | null) => (level ? levelLabel(level) : m.reportcard_pending());

function summaryOf(card: ReportCardData): Array<[string, string]> {
	const { grades, checkpoint, absences } = card;
	const lines: Array<[string, string]> = [];
	const semester = (n: 1 | 2) => m.reportcard_period_semester({ n: n === 1 ? 'I' : 'II' });
	if (checkpoint === 'end1' || checkpoint === 'mid2') {
		lines.push([
			m.reportcard_learning({ period: semester(1) }),
			levelText(grades.levels.semester1)
		]);
		lines.push([
			m.reportcard_conduct({ period: semester(1) }),
			levelText(grades.conduct.semester1)
		]);
	}
	if (checkpoint === 'year') {
		const period = m.reportcard_period_year();
		lines.push([m.reportcard_learning({ period }), levelText(grades.levels.year)]);
		lines.push([m.reportcard_conduct({ period }), levelText(grades.conduct.year)]);
	}
	if (absences) {
		const period =
			absences.period === 'year' ? m.reportcard_period_year() : semester(absences.period);
		lines.push([
			m.reportcard_absences({ period }),
			m.reportcard_absences_value({
				excused: String(absences.excused),
				unexcused: String(absences.unexcused)
			})
		]);
	}
	const end = grades.yearEnd;
	if (checkpoint === 'year' && end?.decision)
		lines.push([m.reportcard_decision(), decisionLabel(end.finalDecision ?? end.decision)]);
	if (checkpoint === 'year' && end?.award)
		lines.push([m.reportcard_award(), awardLabel(end.award)]);
	return lines;
}

/** Comments of the semesters the card shows in full (end of term published), in subject order. */
function commentsOf(
	subjects: ParentSubject[],
	checkpoint: Checkpoint,
	en: boolean
): Array<[string, string]> {
	const last = checkpointSemester(checkpoint);
	return subjects.flatMap((s) =>
		s.semesters
			.filter((x) => x.comment && x.view === 'semester' && x.number <= last)
			.map((x): [string, string] => [
				`${en ? s.subjectEn : s.subjectVi} (${m.reportcard_period_semester({ n: x.number === 1 ? 'I' : 'II' })})`,
				x.comment!
			])
	);
}

export function reportCardView(card: ReportCardData): ReportCardView {
	const { grades, checkpoint } = card;
	const en = getLocale() === 'en';
	const label = checkpointLabel(checkpoint);
	const columns = columnsOf(checkpoint);
	const visible = grades.subjects.filter((s) =>
		s.semesters.some((x) => x.view !== 'none' && x.number <= checkpointSemester(checkpoint))
	);
	return {
		title: m.reportcard_title({ checkpoint: label }),
		docTitle: m.reportcard_doc_title({ name: grades.fullName, checkpoint: label }),
		header: [grades.schoolName, `${m.reportcard_year()} ${grades.schoolYear ?? '–'}`],
		fields: [
			[m.reportcard_pupil(), grades.fullName],
			[m.reportcard_class(), grades.className ?? '–'],
			[m.reportcard_school(), grades.schoolName],
			[m.reportcard_year(), grades.schoolYear ?? '–'],
			[m.reportcard_checkpoint(), label]
		],
		columns: [
			{ header: m.reportcard_subject(), width: 3 },
			...columns.map((c) => ({ header: c.header, width: 1.3, align: 'center' as const }))
		],
		rows: visible.map((s) => [en ? s.subjectEn : s.subjectVi, ...columns.map((c) => c.value(s))]),
		summary: summaryOf(card),
		comments: [
			...commentsOf(visible, checkpoint, en),
			...card.homeroom.map((h): [string, string] => [
				m.reportcard_homeroom_comment({
					period: m.reportcard_period_semester({ n: h.term === 1 ? 'I' : 'II' })
				}),
				h.body
			])
		],
		note: m.reportcard_art4(),
		footer: m.reportcard_printed({ date: formatDate(todayIso()) })
	};
}

export function reportCardPdf(view: ReportCardView): Promise<Uint8Array> {
	const spec: PdfSpec = {
		title: view.title,
		documentTitle: view.docTitle,
		header: view.header,
		footer: view.footer,
		lang: getLocale(),
		blocks: [
			{ kind: 'fields', fields: view.fields },
			{ kind: 'heading', text: m.reportcard_subjects() },
			{ kind: 'table', columns: view.columns, rows: view.rows },
			...(view.legend ? [{ kind: 'text' as const, text: view.legend, size: 8 }] : []),
			...(view.sections ?? []).flatMap((s) => [
				{ kind: 'heading' as const, text: s.heading },
				{ kind: 'table' as const, columns: s.columns, rows: s.rows }
			]),
			{ kind: 'heading', text: m.reportcard_summary() },
			{ kind: 'fields', fields: view.summary },
			...(view.comments.length
				? [
						{ kind: 'heading' as const, text: view.commentsHeading ?? m.reportcard_comments() },
						{ kind: 'fields' as const, fields: view.comments }
					]
				: []),
			{ kind: 'text', text: view.note, style: 'italic', size: 8 }
		]
	};
	return renderPdf(spec);
}

/** A file name for the download: "phieu-lien-lac-<name>-<checkpoint>.pdf" (ASCII made by pdfResponse). */
export function reportCardFileName(card: ReportCardData): string {
	return `phieu-lien-lac-${card.grades.fullName}-${card.checkpoint}.pdf`;
}
