import { queryId } from '$lib/schemas/common';
import { unavailabilityFields, unavailabilitySchema } from '$lib/schemas/timetable';
import {
	guardedActions,
	guardedLoad,
	plainFailure,
	plainInvalid,
	savedRedirect,
	schoolScope
} from '$lib/server/action';
import { problemOfSchool } from '$lib/server/timetable/generate';
import { periodsPerDay, teacherId } from '$lib/server/timetable/problem';
import { saveUnavailability, teacherUnavailability } from '$lib/server/timetable/unavailability';
import type { Actions, PageServerLoad } from './$types';

const scope = schoolScope('timetable.manage');

/** One teacher's unavailable slots as a grid of checkboxes (days across, periods down). */
export const load = guardedLoad(scope, async ({ db, school, event }) => {
	const { input, built } = await problemOfSchool(db, school.id);
	const wanted = queryId.parse(event.url.searchParams.get('teacher') ?? undefined);
	const teacher = input.staff.find((s) => s.id === wanted) ?? input.staff[0] ?? null;
	const count = new Map((input.unavailable ?? []).map((u) => [u.staffId, u.slots.length]));
	const state = teacher && (await teacherUnavailability(db, school.id, teacher.id));
	const periods = teacher
		? built.instance.lessons
				.filter((l) => l.teacher === teacherId(teacher.id))
				.reduce((a, l) => a + l.periodsPerWeek, 0)
		: 0;
	return {
		teachers: input.staff.map((s) => ({ id: s.id, name: s.name, busy: count.get(s.id) ?? 0 })),
		teacher,
		days: input.settings.days,
		periodsPerDay: periodsPerDay(input.settings),
		slots: state ? state.slots.map(([d, p]) => `${d}-${p}`) : [],
		version: state?.version ?? 0,
		periods
	};
}) satisfies PageServerLoad;

export const actions = guardedActions(scope, {
	default: async (ctx) => {
		const parsed = unavailabilitySchema.safeParse(
			unavailabilityFields(await ctx.event.request.formData())
		);
		if (!parsed.success) return plainInvalid();
		try {
			await saveUnavailability(ctx.db, ctx.actor, ctx.school.id, parsed.data);
		} catch (err) {
			return plainFailure(err);
		}
		savedRedirect(ctx.event.url, 'timetable_unavailable_saved');
	}
}) satisfies Actions;
