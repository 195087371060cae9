import { fail, redirect } from '@sveltejs/kit';
import { gridFilterSchema, lockSchema, moveSchema } from '$lib/schemas/timetable';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	readPlainForm,
	routeId,
	schoolScope,
	type RequestContext
} from '$lib/server/action';
import { notFound } from '$lib/server/auth/access';
import { errorText } from '$lib/i18n/errors';
import { violationText } from '$lib/i18n/timetable';
import { roomClashText, roomTooSmallText } from '$lib/i18n/timetable-tt';
import { RoomClashError } from '$lib/server/timetable/edit-rooms';
import { EditRefusedError, previewMove, saveMove, setCellLock } from '$lib/server/timetable/editor';
import { describeCheck, editorView, namesForVersion } from '$lib/server/timetable/edit-view';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

/** The editor of one class of a draft: move or swap periods, lock cells. */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const filter = gridFilterSchema.parse(Object.fromEntries(event.url.searchParams));
	const view = await editorView(db, school.id, routeId(event.params.versionId), filter.class);
	// a published version is not edited: the page offers a draft copy of it instead
	if (!view || (view.version.status !== 'draft' && view.version.status !== 'published')) notFound();
	return {
		version: view.version,
		days: view.days,
		periodsPerDay: view.periodsPerDay,
		classes: view.classes,
		selected: view.selected,
		cells: view.cells,
		saved: event.url.searchParams.get('saved') === '1'
	};
}) satisfies PageServerLoad;

const back = (ctx: RequestContext, classId: number, saved = false) =>
	`${ctx.event.url.pathname}?class=${classId}${saved ? '&saved=1' : ''}`;

export const actions = guardedActions(scope, {
	check: async (ctx) => {
		const data = await readPlainForm(ctx, moveSchema);
		if (!data) return plainInvalid('edit');
		const versionId = routeId(ctx.event.params.versionId);
		try {
			const { check, rooms, instance } = await previewMove(ctx.db, ctx.school.id, {
				...data,
				versionId
			});
			const names = await namesForVersion(ctx.db, ctx.school.id, instance);
			const described = describeCheck(check, names);
			return {
				check: {
					...described,
					ok: described.ok && !rooms.clashes.length,
					violations: [...described.violations, ...rooms.clashes.map(roomClashText)],
					warnings: rooms.tooSmall.map(roomTooSmallText),
					classId: data.classId,
					from: data.from.join('-'),
					to: data.to.join('-')
				}
			};
		} catch (err) {
			return plainFailure(err, 'edit');
		}
	},
	move: async (ctx) => {
		const data = await readPlainForm(ctx, moveSchema);
		if (!data) return plainInvalid('edit');
		const versionId = routeId(ctx.event.params.versionId);
		try {
			await saveMove(ctx.db, ctx.actor, ctx.school.id, { ...data, versionId });
		} catch (err) {
			if (err instanceof EditRefusedError) {
				const names = await namesForVersion(ctx.db, ctx.school.id, err.instance);
				return fail(400, {
					edit: {
						error: errorText(err.code, err.params),
						violations: err.violations.map((v) => violationText(v, names))
					}
				});
			}
			if (err instanceof RoomClashError)
				return fail(400, {
					edit: {
						error: errorText(err.code, err.params),
						violations: err.clashes.map(roomClashText)
					}
				});
			return plainFailure(err, 'edit');
		}
		redirect(303, back(ctx, data.classId, true));
	},
	lock: async (ctx) => {
		const data = await readPlainForm(ctx, lockSchema);
		if (!data) return plainInvalid('edit');
		const versionId = routeId(ctx.event.params.versionId);
		try {
			await setCellLock(ctx.db, ctx.actor, ctx.school.id, { ...data, versionId });
		} catch (err) {
			return plainFailure(err, 'edit');
		}
		redirect(303, back(ctx, data.classId));
	}
}) satisfies Actions;
