import * as m from '$lib/paraglide/messages';
import { todayIso } from '$lib/dates';
import { figuresMonthSchema } from '$lib/schemas/response-figures';
import { exportFormatSchema } from '$lib/schemas/usage';
import { requestContext, schoolScope } from '$lib/server/action';
import { responseFigures, type ResponseLine } from '$lib/server/messages/response-figures';
import { sheetResponse } from '$lib/server/spreadsheet/write';
import type { RequestHandler } from './$types';

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * The month's response figures as XLSX or CSV (`?month=yyyy-mm&format=xlsx|csv`): one line per
 * teacher and the office, then the school's total; the school's admin only. Never a message's text.
 */
export const GET: RequestHandler = async (event) => {
	const ctx = requestContext(event);
	const { school } = await schoolScope('messages.figures')(ctx);
	const month =
		figuresMonthSchema.catch(undefined).parse(event.url.searchParams.get('month') ?? undefined) ??
		todayIso().slice(0, 7);
	const format = exportFormatSchema.parse(event.url.searchParams.get('format'));
	const figures = await responseFigures(ctx.db, school.id, month);
	const line = (name: string, l: ResponseLine) => [
		name,
		l.questions,
		l.inTime,
		l.late,
		l.unanswered,
		l.waiting,
		percent(l.share)
	];
	return sheetResponse(
		{
			header: [
				m.figures_col_teacher(),
				m.figures_col_questions(),
				m.figures_col_in_time(),
				m.figures_col_late(),
				m.figures_col_unanswered(),
				m.figures_col_waiting(),
				m.figures_col_share_percent()
			],
			rows: [
				...figures.lines.map((l) =>
					line(l.staffId === null ? m.figures_office() : (l.name ?? ''), l)
				),
				line(m.figures_school_total(), figures.school)
			]
		},
		format,
		{
			fileName: `tra-loi-phu-huynh-${month}`,
			sheetName: m.figures_title({ month: `${month.slice(5)}/${month.slice(0, 4)}` }),
			width: (i) => (i === 0 ? 32 : 16)
		}
	);
};
