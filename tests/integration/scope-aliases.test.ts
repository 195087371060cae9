import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import { teachingWhere } from '../../src/lib/server/auth/access/classes';
import { connectTestDb, principalOf } from '../helpers/context';

/**
 * The scope predicates read the caller's columns inside correlated subqueries. A caller whose own
 * alias matched the subquery's (`teaching_assignments ta` with `ta.class_id`) once made the
 * predicate compare each row with itself and let any teacher through; the subqueries now use
 * `scope_` aliases. This holds a caller with the old alias to the teacher's own assignments.
 */
let db: DB;
let close: () => Promise<void>;
beforeAll(() => {
	({ db, close } = connectTestDb());
});
afterAll(() => close());

describe('scope predicates under the caller’s own aliases', () => {
	it('gives a teacher only their own teaching assignments, whatever the query calls its table', async () => {
		const teacher = await principalOf(db, 'quangtrung.gv@demo.example');
		const own = await db
			.selectFrom('staff')
			.select('id')
			.where('user_id', '=', teacher.userId)
			.execute();
		const all = await db.selectFrom('teaching_assignments').select('id').execute();
		for (const alias of ['ta', 'scope_x', 'teaching_assignments'] as const) {
			const { rows } = await sql<{ id: number; staff_id: number }>`
				select ${sql.ref(`${alias}.id`)} as id, ${sql.ref(`${alias}.staff_id`)} as staff_id
				from teaching_assignments as ${sql.id(alias)}
				where ${teachingWhere(teacher, 'teaching.enter', `${alias}.class_id`, `${alias}.subject_id`)}`.execute(
				db
			);
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.length).toBeLessThan(all.length);
			expect(rows.every((r) => own.some((s) => s.id === r.staff_id))).toBe(true);
		}
	});
});
