import { formatDate, todayIso } from '$lib/dates';
import { QUALITY_ITEMS } from '$lib/grades/primary';
import { checkpointLabel } from '$lib/i18n/grades';
import { primaryResultLabel, qualityItemLabel, qualityLevelLabel } from '$lib/i18n/primary';
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { ReportCardView } from '../grades/report-card-view';
import type { PdfColumn } from '../pdf';
import type { ChildPrimaryCheckpoint } from './parent';
import type { PrimaryCardData } from './report-card';

/**
 * The primary report card (Circular 27) in words, as the same `ReportCardView` the secondary card
 * uses, so that the page component and the PDF module draw it unchanged: per subject the level
 * (T/H/C) and, where the grade has one, the periodic test score of each covered checkpoint; the
 * qualities and competences as a section; the comments of the card's checkpoint; the year result
 * and grade completion at `year`. No average, no rank, no class figure.
 */
const semester = (n: 1 | 2) => m.reportcard_period_semester({ n: n === 1 ? 'I' : 'II' });

interface Column {
	header: string;
	value: (subjectIndex: number) => string;
}

function subjectColumns(checkpoints: ChildPrimaryCheckpoint[]): Column[] {
	return checkpoints.flatMap((cp) => {
		const label = checkpointLabel(cp.checkpoint);
		const level: Column = {
			header: m.primarycard_col_level({ checkpoint: label }),
			value: (i) => cp.subjects[i]?.level ?? '–'
		};
		if (!cp.subjects.some((s) => s.tested)) return [level];
		const test: Column = {
			header: m.primarycard_col_test({ checkpoint: label }),
			value: (i) => {
				const s = cp.subjects[i];
				if (!s?.tested) return '·';
				return s.testScore === null ? '–' : String(s.testScore);
			}
		};
		return [level, test];
	});
}

function qualitiesSection(checkpoints: ChildPrimaryCheckpoint[]) {
	const columns: PdfColumn[] = [
		{ header: m.primarycard_item(), width: 3 },
		...checkpoints.map((cp) => ({
			header: checkpointLabel(cp.checkpoint),
			width: 1.5,
			align: 'center' as const
		}))
	];
	const rows = QUALITY_ITEMS.map((item) => [
		qualityItemLabel(item),
		...checkpoints.map((cp) => {
			const level = cp.qualities[item];
			return level ? qualityLevelLabel(level) : '–';
		})
	]);
	return { heading: m.primarycard_qualities(), columns, rows };
}

function awardText(award: NonNullable<PrimaryCardData['award']>): string {
	return award.kind === 'xuat_sac'
		? m.gr_award_xuat_sac()
		: m.gr_award_tieu_bieu_with({ reason: award.reason ?? '' });
}

function summaryOf(card: PrimaryCardData): Array<[string, string]> {
	const lines: Array<[string, string]> = [];
	const result = card.primary.yearResult;
	if (card.checkpoint === 'year') {
		lines.push([
			m.primary_year_result(),
			result ? primaryResultLabel(result) : m.reportcard_pending()
		]);
		// Art. 11: the three levels above Chưa hoàn thành complete the grade
		if (result && result !== 'chua_hoan_thanh')
			lines.push([
				m.primarycard_completion(),
				card.grade === 5
					? m.primarycard_completed_primary()
					: m.primarycard_completed_grade({ grade: String(card.grade) })
			]);
		// Art. 11: below Hoàn thành the principal decides lên lớp / ở lại lớp
		if (result === 'chua_hoan_thanh')
			lines.push([
				m.pd_card_label(),
				card.decision
					? m.pd_card_value({
							decision: card.decision.decision === 'promote' ? m.pd_promote() : m.pd_repeat(),
							note: card.decision.note
						})
					: m.pd_pending()
			]);
		// Art. 13: Học sinh Xuất sắc from the result; Học sinh Tiêu biểu once the principal confirmed
		if (card.award) lines.push([m.gr_award_label(), awardText(card.award)]);
	}
	const a = card.absences;
	if (a) {
		const period = a.period === 'year' ? m.reportcard_period_year() : semester(a.period);
		lines.push([
			m.reportcard_absences({ period }),
			m.reportcard_absences_value({ excused: String(a.excused), unexcused: String(a.unexcused) })
		]);
	}
	return lines;
}

export function primaryCardView(card: PrimaryCardData): ReportCardView {
	const en = getLocale() === 'en';
	const label = checkpointLabel(card.checkpoint);
	const checkpoints = card.primary.checkpoints;
	const last = checkpoints.find((c) => c.checkpoint === card.checkpoint) ?? checkpoints.at(-1);
	const subjects = last?.subjects ?? [];
	const columns = subjectColumns(checkpoints);
	return {
		title: m.primarycard_title({ checkpoint: label }),
		docTitle: m.primarycard_doc_title({ name: card.fullName, checkpoint: label }),
		header: [card.schoolName, `${m.reportcard_year()} ${card.schoolYear ?? '–'}`],
		fields: [
			[m.reportcard_pupil(), card.fullName],
			[m.reportcard_class(), card.className ?? '–'],
			[m.reportcard_school(), card.schoolName],
			[m.reportcard_year(), card.schoolYear ?? '–'],
			[m.reportcard_checkpoint(), label]
		],
		columns: [
			{ header: m.reportcard_subject(), width: 3 },
			...columns.map((c) => ({ header: c.header, width: 1.2, align: 'center' as const }))
		],
		rows: subjects.map((s, i) => [en ? s.nameEn : s.nameVi, ...columns.map((c) => c.value(i))]),
		legend: m.primarycard_legend(),
		sections: [qualitiesSection(checkpoints)],
		summary: summaryOf(card),
		commentsHeading: m.primarycard_comments({ checkpoint: label }),
		comments: subjects
			.filter((s) => s.comment.trim() !== '')
			.map((s): [string, string] => [en ? s.nameEn : s.nameVi, s.comment]),
		note: m.primarycard_art4(),
		footer: m.reportcard_printed({ date: formatDate(todayIso()) })
	};
}

/** "danh-gia-tieu-hoc-<name>-<checkpoint>.pdf" (made ASCII by pdfResponse). */
export function primaryCardFileName(card: PrimaryCardData): string {
	return `danh-gia-tieu-hoc-${card.fullName}-${card.checkpoint}.pdf`;
}
