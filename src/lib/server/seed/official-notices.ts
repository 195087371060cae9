import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SeedContext } from './index';

/**
 * Demo official notices (issue 13): the department's dispatch to every school of the province and
 * the Văn Yên office's to the schools of its area, each fanned out by one INSERT ... SELECT. Plain
 * inserts and relative imports: `npm run db:seed` runs without the $lib alias.
 */
const SENT = new Date(Date.UTC(2026, 10, 20, 2, 0));

async function seedNotice(
	db: Kysely<Database>,
	n: { departmentId: number; areaId: number | null; sender: number; title: string; body: string }
) {
	const row = await db
		.insertInto('official_notices')
		.values({
			department_id: n.departmentId,
			area_id: n.areaId,
			title: n.title,
			body: n.body,
			sent_by: n.sender,
			sent_at: SENT
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const result = await sql`insert into official_notice_schools (notice_id, school_id)
		select ${row.id}::int, s.id from schools s
		where s.active and s.department_id = ${n.departmentId}
			${n.areaId === null ? sql`` : sql`and s.area_id = ${n.areaId}`}`.execute(db);
	await db
		.updateTable('official_notices')
		.set({ school_count: Number(result.numAffectedRows ?? 0) })
		.where('id', '=', row.id)
		.execute();
}

export async function seedOfficialNotices(db: Kysely<Database>, ctx: SeedContext): Promise<void> {
	await seedNotice(db, {
		departmentId: ctx.departmentId,
		areaId: null,
		sender: ctx.users['so@demo.example'],
		title: 'Công văn số 1250/SGDĐT-GDPT về triển khai học bạ số năm học 2026-2027',
		body: 'Sở Giáo dục và Đào tạo đề nghị Hiệu trưởng các trường rà soát dữ liệu học sinh trên cổng và hoàn thành việc ký học bạ số học kỳ I trước ngày 15/01/2027.'
	});
	const vanYen = ctx.areaIds.get('VY');
	if (vanYen)
		await seedNotice(db, {
			departmentId: ctx.departmentId,
			areaId: vanYen,
			sender: ctx.users['vanyen@demo.example'],
			title: 'Lịch họp giao ban hiệu trưởng tháng 12',
			body: 'Phòng GD&ĐT Văn Yên tổ chức họp giao ban hiệu trưởng lúc 8 giờ ngày 10/12/2026 tại hội trường Phòng.'
		});
}
