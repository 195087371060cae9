import type { Principal } from '../auth/session';
import type { DB } from '../db';
import type { Checkpoint } from '$lib/grades/checkpoints';
import { publishedByClass } from '../grades/parent';
import { unreadByChild } from '../messages/inbox';
import { listParentChildren } from '../org/people';
import { classTimetableSizes } from '../timetable/views';

/**
 * The parent's home: one card per child, built from sections that each module fills. The roster
 * gives the class, the homeroom teacher and how to reach the school; the rollout gives the school's
 * platforms that parents use. Grades, timetable and messages add their section here (a field of
 * `ChildHome` and one batched loader in `loadParentHome`) and a component in
 * `$lib/components/parent/`: one query per section for all children, never one per child.
 */

/** Platforms of the catalogue that parents use themselves (contact book, fees, enrolment). */
export const PARENT_PLATFORMS = ['contact-book', 'cashless-payment', 'online-enrolment'] as const;

export interface SchoolContact {
	id: number;
	name: string;
	address: string | null;
	phone: string | null;
	email: string | null;
}

export interface ParentPlatform {
	code: string;
	name_vi: string;
	name_en: string;
	status: 'not_started' | 'deploying' | 'deployed' | 'in_use';
	vendor: string | null;
}

export interface ChildHome {
	id: number;
	fullName: string;
	dateOfBirth: string | null;
	className: string | null;
	homeroom: { name: string; phone: string | null; email: string | null } | null;
	school: SchoolContact;
	platforms: ParentPlatform[];
	/** grades: the checkpoints the school published to the child's class (oldest first) */
	grades: { published: Checkpoint[] };
	/** the class's published timetable in force: the day it took effect and the weekly periods */
	timetable: { effectiveFrom: string; periods: number } | null;
	/** conversations with the school about this child, and how many are unread (messages module) */
	messages: { total: number; unread: number };
}

async function parentPlatforms(db: DB, schoolIds: number[]) {
	const bySchool = new Map<number, ParentPlatform[]>();
	if (!schoolIds.length) return bySchool;
	const rows = await db
		.selectFrom('school_platforms as sp')
		.innerJoin('platforms as p', 'p.id', 'sp.platform_id')
		.select(['sp.school_id', 'p.code', 'p.name_vi', 'p.name_en', 'sp.status', 'sp.vendor'])
		.where('sp.school_id', 'in', schoolIds)
		.where('p.code', 'in', [...PARENT_PLATFORMS])
		.where('p.retired_at', 'is', null)
		.orderBy('p.sort_order')
		.execute();
	for (const { school_id, ...platform } of rows) {
		const list = bySchool.get(school_id) ?? [];
		list.push(platform as ParentPlatform);
		bySchool.set(school_id, list);
	}
	return bySchool;
}

/** Everything the parent's home shows, for the caller's own children only. */
export async function loadParentHome(db: DB, principal: Principal): Promise<ChildHome[]> {
	const children = await listParentChildren(db, principal);
	const schoolIds = [...new Set(children.map((c) => c.school_id))];
	const classIds = [...new Set(children.flatMap((c) => (c.class_id === null ? [] : [c.class_id])))];
	const classes = [
		...new Map(
			children.flatMap((c) =>
				c.class_id === null ? [] : [[c.class_id, { id: c.class_id, schoolId: c.school_id }]]
			)
		).values()
	];
	const [platforms, published, timetables, messages] = await Promise.all([
		parentPlatforms(db, schoolIds),
		publishedByClass(db, classIds),
		classTimetableSizes(db, classes),
		unreadByChild(
			db,
			principal,
			children.map((c) => c.id)
		)
	]);
	return children.map((c) => ({
		id: c.id,
		fullName: c.full_name,
		dateOfBirth: c.date_of_birth,
		className: c.class_name,
		homeroom: c.homeroom_name
			? { name: c.homeroom_name, phone: c.homeroom_phone, email: c.homeroom_email }
			: null,
		school: {
			id: c.school_id,
			name: c.school_name,
			address: c.school_address,
			phone: c.school_phone,
			email: c.school_email
		},
		platforms: platforms.get(c.school_id) ?? [],
		grades: { published: (c.class_id && published.get(c.class_id)) || [] },
		timetable: (c.class_id !== null && timetables.get(c.class_id)) || null,
		messages: messages.get(c.id) ?? { total: 0, unread: 0 }
	}));
}
