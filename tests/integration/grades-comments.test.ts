import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db';
import type { Principal } from '../../src/lib/server/auth/session';
import { DomainError } from '../../src/lib/server/errors';
import { loadGradebook } from '../../src/lib/server/grades/gradebook';
import { FAMILY } from '../../src/lib/server/grades/parent';
import { publishCheckpoint } from '../../src/lib/server/grades/publication';
import { loadReportCard } from '../../src/lib/server/grades/report-card';
import { reportCardPdf, reportCardView } from '../../src/lib/server/grades/report-card-view';
import { GradebookConflictError, saveCells } from '../../src/lib/server/grades/service';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';
import { inRolledBackTransaction } from '../helpers/usage';

/**
 * The subject teacher's comment (nhận xét): saved with the cells, against its version, audited,
 * refused when hostile, and shown on the report card once the end of term is published. Every
 * write happens in a rolled-back transaction.
 */
let db: DB;
let close: () => Promise<void>;
let schoolId: number;
let parent: Principal;
let admin: Principal;
let teacher: Principal;
let book: { classId: number; subjectId: number; semesterId: number; childId: number };

beforeAll(async () => {
	({ db, close } = connectTestDb());
	schoolId = await schoolIdByName(db, QUANG_TRUNG);
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	admin = await principalOf(db, 'quangtrung.admin@demo.example');
	// a scored subject of semester I in the demo family's 8A child's class, and its teacher
	const { rows } = await sql<{
		class_id: number;
		subject_id: number;
		semester_id: number;
		email: string;
		child_id: number;
	}>`select ta.class_id, ta.subject_id, sem.id as semester_id, u.email, st.id as child_id
		from students st
		join student_guardians sg on sg.student_id = st.id
		join guardians g on g.id = sg.guardian_id
		join users pu on pu.id = g.user_id and pu.email = 'quangtrung.ph@demo.example'
		join classes c on c.id = st.class_id and c.name = '8A'
		join teaching_assignments ta on ta.class_id = c.id
		join subjects s on s.id = ta.subject_id and s.assessment = 'score'
		join semesters sem on sem.school_year_id = c.school_year_id and sem.number = 1
		join staff t on t.id = ta.staff_id join users u on u.id = t.user_id
		order by s.sort_order limit 1`.execute(db);
	const r = rows[0];
	book = {
		classId: r.class_id,
		subjectId: r.subject_id,
		semesterId: r.semester_id,
		childId: r.child_id
	};
	teacher = await principalOf(db, r.email);
});
afterAll(() => close());

const ids = () => [book.classId, book.subjectId, book.semesterId] as const;
const actor = (requestId: string) => ({ principal: teacher, requestId });

describe('the comment column of a gradebook', () => {
	it('saves a comment with the cells, raises its version and audits old and new', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const note = { studentId: book.childId, body: 'Chăm chỉ, tiến bộ rõ.', version: 0 };
			expect((await saveCells(trx, actor('c1'), ...ids(), [], [note])).saved).toBe(1);
			const row = (await loadGradebook(trx, teacher, ...ids())).rows.find(
				(r) => r.id === book.childId
			)!;
			expect(row.comment).toEqual({ body: 'Chăm chỉ, tiến bộ rõ.', version: 1 });
			await saveCells(trx, actor('c2'), ...ids(), [], [{ ...note, body: '', version: 1 }]);
			const audit = await trx
				.selectFrom('audit_log')
				.select(['before', 'after', 'entity'])
				.where('request_id', 'in', ['c1', 'c2'])
				.where('action', '=', 'grades.comment.save')
				.orderBy('id')
				.execute();
			expect(audit).toHaveLength(2);
			expect(audit[1]).toMatchObject({
				entity: 'grade_comment',
				before: { body: 'Chăm chỉ, tiến bộ rõ.', version: 1 },
				after: { body: '', version: 2 }
			});
		});
	});

	it('refuses a stale comment, naming it with the text now stored, and saves nothing', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const note = { studentId: book.childId, body: 'Lần đầu', version: 0 };
			await saveCells(trx, actor('c3'), ...ids(), [], [note]);
			const attempt = saveCells(trx, actor('c4'), ...ids(), [], [{ ...note, body: 'Ghi đè' }]);
			await expect(attempt).rejects.toBeInstanceOf(GradebookConflictError);
			await expect(attempt).rejects.toMatchObject({
				cells: [],
				comments: [{ studentId: book.childId, body: 'Lần đầu', version: 1 }]
			});
		});
	});

	it('refuses control characters, a comment over 500 characters and a duplicate, at the comment', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			const bad = [
				{ body: 'Tốt\u0000', code: 'grades_v_comment_control' },
				{ body: 'a'.repeat(100_000), code: 'grades_v_comment_long' }
			];
			for (const { body, code } of bad) {
				const attempt = saveCells(
					trx,
					actor('c5'),
					...ids(),
					[],
					[{ studentId: book.childId, body, version: 0 }]
				);
				await expect(attempt).rejects.toBeInstanceOf(DomainError);
				await expect(attempt).rejects.toMatchObject({ code, field: `c_${book.childId}` });
			}
			const twice = { studentId: book.childId, body: 'x', version: 0 };
			await expect(saveCells(trx, actor('c6'), ...ids(), [], [twice, twice])).rejects.toMatchObject(
				{
					code: 'v_duplicate'
				}
			);
		});
	});

	it('answers 404 to a teacher who does not teach the subject (the parent, the admin)', async () => {
		const note = [{ studentId: book.childId, body: 'x', version: 0 }];
		for (const who of [parent, admin]) {
			await expect(
				saveCells(db, { principal: who, requestId: 'c7' }, ...ids(), [], note)
			).rejects.toMatchObject({ status: 404 });
		}
	});

	it('shows on the report card and in its PDF once the end of term is published, not before', async () => {
		await inRolledBackTransaction(db, async (trx) => {
			await saveCells(
				trx,
				actor('c8'),
				...ids(),
				[],
				[{ studentId: book.childId, body: 'Em cần luyện thêm\nphần hình học.', version: 0 }]
			);
			await publishCheckpoint(trx, { principal: admin, requestId: 'c8' }, schoolId, 'mid1', [
				book.classId
			]);
			const mid = await loadReportCard(trx, parent, book.childId, 'mid1', FAMILY);
			expect(mid.published && reportCardView(mid.card).comments).toEqual([]);
			await publishCheckpoint(trx, { principal: admin, requestId: 'c8' }, schoolId, 'end1', [
				book.classId
			]);
			const end = await loadReportCard(trx, parent, book.childId, 'end1', FAMILY);
			if (!end.published) throw new Error('end1 not published');
			const view = reportCardView(end.card);
			expect(view.comments).toHaveLength(1);
			expect(view.comments[0][1]).toBe('Em cần luyện thêm\nphần hình học.');
			const pdf = await reportCardPdf(view);
			expect(pdf.byteLength).toBeGreaterThan(1000);
		});
	});
});
