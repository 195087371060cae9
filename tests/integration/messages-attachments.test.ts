import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/lib/server/auth/session';
import type { DB } from '../../src/lib/server/db';
import { DomainError } from '../../src/lib/server/errors';
import { LocalFileStorage } from '../../src/lib/server/files/local-storage';
import {
	attachmentsOfNotice,
	openAttachment,
	type AttachmentStorage,
	type UploadedFile
} from '../../src/lib/server/messages/attachments';
import { reply, startAsParent } from '../../src/lib/server/messages/conversations';
import { sendNotice } from '../../src/lib/server/messages/notices';
import { loadConversation } from '../../src/lib/server/messages/read';
import { parentRecipients } from '../../src/lib/server/messages/recipients';
import { noticeSchema } from '../../src/lib/schemas/messages';
import { connectTestDb, principalOf, QUANG_TRUNG, schoolIdByName } from '../helpers/context';

/**
 * Photos and PDFs on messages and notices: checked by content before anything is stored, removed
 * again when the message is refused, and downloadable only by who may read the message or notice.
 */
let db: DB;
let close: () => Promise<void>;
let dir: string;
let storage: AttachmentStorage;
let parent: Principal;
let homeroom: Principal;
let adminQt: Principal;
let adminNtt: Principal;
let teacherNtt: Principal;
let otherFamily: Principal;
let quangTrung: number;
let child: { id: number; code: string };

const actor = (principal: Principal) => ({ principal, requestId: 'attachments-test' });
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const PDF = Uint8Array.from([...ascii('%PDF-1.4\n'), 1, 2, 3]);
const EXE = Uint8Array.from([...ascii('MZ'), 0x90, 0, 3, 0]);
const GIF = Uint8Array.from(ascii('GIF89a\x01\x00'));
const storedCount = () =>
	readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

async function body(stream: ReadableStream<Uint8Array>) {
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function makeFamily(schoolId: number): Promise<Principal> {
	const pupil = await db
		.selectFrom('students as st')
		.innerJoin('classes as c', 'c.id', 'st.class_id')
		.select('st.id')
		.where('c.school_id', '=', schoolId)
		.where('c.name', '=', '7A')
		.orderBy('st.id', 'desc')
		.executeTakeFirstOrThrow();
	const email = `attachments-family-${Date.now()}@test.example`;
	const user = await db
		.insertInto('users')
		.values({ email, name: 'Phụ huynh khác' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('role_assignments').values({ user_id: user.id, role: 'parent' }).execute();
	const guardian = await db
		.insertInto('guardians')
		.values({ school_id: schoolId, full_name: 'Phụ huynh khác', user_id: user.id })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('student_guardians')
		.values({ student_id: pupil.id, guardian_id: guardian.id, relationship: 'father' })
		.execute();
	return principalOf(db, email);
}

beforeAll(async () => {
	({ db, close } = connectTestDb());
	dir = mkdtempSync(path.join(tmpdir(), 'trs-attachments-'));
	storage = { files: new LocalFileStorage(dir), maxBytes: 1024 };
	quangTrung = await schoolIdByName(db, QUANG_TRUNG);
	parent = await principalOf(db, 'quangtrung.ph@demo.example');
	homeroom = await principalOf(db, 'quangtrung.gv@demo.example');
	adminQt = await principalOf(db, 'quangtrung.admin@demo.example');
	adminNtt = await principalOf(db, 'nguyentatthanh.admin@demo.example');
	teacherNtt = await principalOf(db, 'nguyentatthanh.gv@demo.example');
	otherFamily = await makeFamily(quangTrung);
	const kid = (await parentRecipients(db, parent)).find((k) => k.className === '8A')!;
	const row = await db
		.selectFrom('students')
		.select(['id', 'code'])
		.where('id', '=', kid.studentId)
		.executeTakeFirstOrThrow();
	child = { id: row.id, code: row.code! };
});
afterAll(async () => {
	await close();
	rmSync(dir, { recursive: true, force: true });
});

const toHomeroom = (files: UploadedFile[]) =>
	startAsParent(
		db,
		actor(parent),
		{
			to: { kind: 'homeroom', studentId: child.id, subjectId: null },
			title: 'Giấy khám bệnh',
			body: 'Em gửi cô ảnh giấy khám bệnh của cháu.'
		},
		{ storage, files }
	);

async function refusal(work: Promise<unknown>) {
	const err = await work.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(DomainError);
	return err as DomainError;
}

describe('attachments of messages', () => {
	it('a photo and a PDF reach the teacher; only the participants download them', async () => {
		const id = await toHomeroom([
			{ name: 'giay-kham.png', bytes: PNG },
			{ name: 'don.PDF', bytes: PDF }
		]);
		const page = await loadConversation(db, homeroom, 'staff', id);
		const files = page.messages[0].attachments;
		expect(files.map((f) => [f.fileName, f.contentType, f.size])).toEqual([
			['giay-kham.png', 'image/png', PNG.length],
			['don.PDF', 'application/pdf', PDF.length]
		]);
		for (const who of [homeroom, parent]) {
			const opened = await openAttachment(db, who, storage.files, files[0].id);
			expect(await body(opened.stream)).toEqual(PNG);
			expect(opened.type.mime).toBe('image/png');
		}
		// another family, the school's admin (not an office conversation), another school: 404
		for (const who of [otherFamily, adminQt, adminNtt, teacherNtt])
			await expect(openAttachment(db, who, storage.files, files[1].id)).rejects.toMatchObject({
				status: 404
			});
		await expect(openAttachment(db, parent, storage.files, 2 ** 31 - 1)).rejects.toMatchObject({
			status: 404
		});

		await reply(db, homeroom, 'staff', id, 'Cô đã nhận.', {
			storage,
			files: [{ name: 'ket-qua.pdf', bytes: PDF }]
		});
		const after = await loadConversation(db, parent, 'family', id);
		expect(after.messages.map((m) => m.attachments.length)).toEqual([2, 1]);
	});

	it('refuses files whose content is not a photo or PDF, and stores nothing', async () => {
		const before = storedCount();
		const cases: Array<[UploadedFile[], string]> = [
			[[{ name: 'anh.jpg', bytes: EXE }], 'messages_attachment_content_mismatch'],
			[[{ name: 'virus.exe', bytes: EXE }], 'messages_attachment_type_not_allowed'],
			[[{ name: 'anh.gif', bytes: GIF }], 'messages_attachment_type_not_allowed'],
			[[{ name: 'trong.png', bytes: new Uint8Array() }], 'messages_attachment_empty'],
			[
				[{ name: 'lon.pdf', bytes: new Uint8Array(2048).fill(0x25) }],
				'messages_attachment_too_large'
			],
			[
				Array.from({ length: 6 }, (_, i) => ({ name: `a${i}.png`, bytes: PNG })),
				'messages_attachment_too_many'
			],
			// a good photo with a bad one: nothing of the two is kept
			[
				[
					{ name: 'tot.png', bytes: PNG },
					{ name: 'xau.pdf', bytes: PNG }
				],
				'messages_attachment_content_mismatch'
			]
		];
		for (const [files, code] of cases) {
			const err = await refusal(toHomeroom(files));
			expect([err.code, err.field]).toEqual([code, 'files']);
		}
		expect(storedCount()).toBe(before);
	});

	it('removes the stored files when the message itself is refused', async () => {
		const id = await toHomeroom([]);
		const before = storedCount();
		// another family may not answer in this conversation: 404, and the photo is not kept
		await expect(
			reply(db, otherFamily, 'family', id, 'Xin chào', {
				storage,
				files: [{ name: 'anh.png', bytes: PNG }]
			})
		).rejects.toMatchObject({ status: 404 });
		expect(storedCount()).toBe(before);
	});
});

describe('attachments of notices', () => {
	it('the recipients and the sending school download a notice’s file; nobody else', async () => {
		const input = noticeSchema.parse({
			title: 'Giấy đồng ý tham quan',
			body: 'Phụ huynh đọc tệp đính kèm.',
			target: 'students',
			students: child.code
		});
		const id = await sendNotice(db, actor(adminQt), quangTrung, input, {
			storage,
			files: [{ name: 'giay-dong-y.pdf', bytes: PDF }]
		});
		const [file] = await attachmentsOfNotice(db, id);
		expect(file.fileName).toBe('giay-dong-y.pdf');
		for (const who of [parent, adminQt]) {
			const opened = await openAttachment(db, who, storage.files, file.id);
			expect(await body(opened.stream)).toEqual(PDF);
		}
		for (const who of [otherFamily, adminNtt, teacherNtt])
			await expect(openAttachment(db, who, storage.files, file.id)).rejects.toMatchObject({
				status: 404
			});
	});
});
