import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

/**
 * Without JavaScript: the admin of THPT Nguyễn Tất Thành imports the rooms of a FET file (the preview
 * names each room with its type and capacity), finds them on the rooms page, and importing the
 * same file again changes nothing; a file naming a room it does not list, control characters,
 * more than 200 new rooms and forged saves are refused with a clear message or a 4xx, never a 500.
 */
test.use({ javaScriptEnabled: false });

const DAYS = ['T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

/** a FET file with only the week, rooms and space constraints */
const fetFile = (rooms: string, space = '') => `<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Mode>Official</Mode>
<Institution_Name>Phòng học từ FET</Institution_Name>
<Days_List>
<Number_of_Days>6</Number_of_Days>
${DAYS.map((d) => `<Day><Name>${d}</Name></Day>`).join('\n')}
</Days_List>
<Hours_List>
<Number_of_Hours>5</Number_of_Hours>
${[1, 2, 3, 4, 5].map((h) => `<Hour><Name>Tiết ${h}</Name></Hour>`).join('\n')}
</Hours_List>
<Rooms_List>
${rooms}
</Rooms_List>
<Space_Constraints_List>
<ConstraintBasicCompulsorySpace>
	<Weight_Percentage>100</Weight_Percentage>
	<Active>true</Active>
</ConstraintBasicCompulsorySpace>
${space}
</Space_Constraints_List>
</fet>
`;

const room = (name: string, capacity: number | string, comments = '') =>
	`<Room>\n\t<Name>${name}</Name>\n\t<Building></Building>\n\t<Capacity>${capacity}</Capacity>\n\t<Virtual>false</Virtual>\n\t<Comments>${comments}</Comments>\n</Room>`;

test('the admin imports rooms from a .fet file with a preview and sees them on the rooms page', async ({
	page,
	baseURL
}) => {
	test.setTimeout(120_000);
	await signIn(page, 'nguyentatthanh.admin@demo.example');
	const base = /^\/schools\/\d+/.exec(new URL(page.url()).pathname)![0];
	const tag = Date.now().toString(36).slice(-5);
	const names = {
		computer: `Phòng máy F${tag}`,
		lab: `Phòng thí nghiệm Hóa F${tag}`,
		gym: `Nhà đa năng F${tag}`
	};
	const text = fetFile(
		[
			room(names.computer, 40, 'computer'),
			room(names.lab, 45),
			// FET writes 1000 for "no capacity": not a classroom's size, so the portal leaves it out
			room(names.gym, 1000)
		].join('\n')
	);

	await page.goto(`${base}/timetable`);
	await page.getByRole('link', { name: 'Nhập/xuất tệp FET (.fet)' }).click();
	const upload = async (name: string, body: string) => {
		await page.getByLabel('Tệp FET (.fet, tối đa 5 MB)').setInputFiles({
			name,
			mimeType: 'application/xml',
			buffer: Buffer.from(body)
		});
		await page.getByRole('button', { name: 'Xem trước' }).click();
	};

	await upload('phong.fet', text);
	const preview = page.getByTestId('fet-preview');
	await expect(preview).toContainText('6 ngày × 5 tiết');
	const rooms = page.getByTestId('fet-rooms');
	await expect(rooms).toContainText(`${names.computer} (Phòng máy tính, 40)`);
	await expect(rooms).toContainText(`${names.lab} (Phòng thí nghiệm, 45)`);
	await expect(rooms).toContainText(`${names.gym} (Nhà đa năng)`);
	await expect(page.getByTestId('fet-will-add-rooms')).toContainText('Sẽ thêm 3 phòng mới');
	await preview.getByRole('button', { name: 'Lưu vào bài toán xếp lịch' }).click();
	await expect(page.getByText('Đã thêm 3 phòng, loại phòng cần của 0 môn.')).toBeVisible();

	await page.goto(`${base}/timetable/rooms`);
	const list = page.getByTestId('rooms');
	for (const [type, name] of [
		['Phòng máy tính', names.computer],
		['Phòng thí nghiệm', names.lab],
		['Nhà đa năng', names.gym]
	])
		await expect(list.locator('li', { hasText: name })).toContainText(type);
	await expect(list.locator('li', { hasText: names.computer })).toContainText('40');

	// the same file again: the rooms are there already, kept as they are, nothing to save
	await page.goto(`${base}/timetable/fet`);
	await upload('phong.fet', text);
	await expect(page.getByTestId('fet-preview')).toContainText(
		`Phòng đã có ở trường (giữ nguyên): ${names.computer}`
	);
	await expect(page.getByTestId('fet-rooms')).toHaveCount(0);
	await expect(page.getByTestId('fet-will-save')).toHaveCount(0);

	// a room that the file's constraints name but do not list: refused with where
	await upload(
		'ma.fet',
		fetFile(
			room(`Phòng ma F${tag}`, 30),
			'<ConstraintSubjectPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Subject>Tin học</Subject>\n\t<Room>Phòng không có</Room>\n\t<Active>true</Active>\n</ConstraintSubjectPreferredRoom>'
		)
	);
	const error = page.getByTestId('fet-error');
	await expect(error).toContainText('Không đọc được tệp FET');
	await expect(error).toContainText('unknown room "Phòng không có"');
	await expect(error).toContainText(/Dòng \d+, cột \d+/);
	// control characters in a room's name: not XML, refused with where
	await upload('dieukhien.fet', fetFile(room(`Phòng\u0007 F${tag}`, 30)));
	await expect(page.getByTestId('fet-error')).toContainText('Không đọc được tệp FET');
	await upload('nul.fet', fetFile(room(`Phòng\u0000 F${tag}`, 30)));
	await expect(page.getByTestId('fet-error')).toContainText('NUL byte');
	// a room name of 100 000 characters: kept to 60 in the preview, never a 500
	await upload('dai.fet', fetFile(room('P'.repeat(100_000), 30)));
	await expect(page.getByTestId('fet-rooms')).toContainText(`${'P'.repeat(60)} (Phòng khác, 30)`);

	// a file naming 201 rooms the school has not got: the preview says so with the limit, and
	// offers nothing to save (the save would refuse them)
	await upload(
		'nhieu.fet',
		fetFile(Array.from({ length: 201 }, (_, i) => room(`Phòng thừa ${i} F${tag}`, 30)).join('\n'))
	);
	await expect(page.getByTestId('fet-error')).toContainText(
		'Tệp có 201 phòng mà trường chưa có; mỗi lần nhập chỉ thêm được tối đa 200 phòng.'
	);
	await expect(page.getByTestId('fet-preview')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Lưu vào bài toán xếp lịch' })).toHaveCount(0);

	// forged saves of rooms: refused with a 400 and nothing saved
	const headers = { accept: 'text/html', origin: baseURL! };
	const save = (rooms: string) =>
		page.request.post(`${base}/timetable/fet?/save`, {
			form: { changes: `{"unavailable":[],"requirements":[],"rooms":${rooms},"roomNeeds":[]}` },
			headers
		});
	const many = JSON.stringify(
		Array.from({ length: 201 }, (_, i) => ({ name: `P${i}`, type: 'lab', capacity: null }))
	);
	for (const rooms of [
		`[{"name":"Phòng\\u0000${tag}","type":"lab","capacity":null}]`,
		`[{"name":"${'x'.repeat(100_000)}","type":"lab","capacity":null}]`,
		`[{"name":"Bể bơi ${tag}","type":"pool","capacity":null}]`,
		`[{"name":"Phòng ${tag}","type":"lab","capacity":1e400}]`,
		`[{"name":"Phòng ${tag}","type":"lab","capacity":99999999999999999999}]`,
		many
	])
		expect((await save(rooms)).status(), rooms.slice(0, 40)).toBe(400);
	await page.goto(`${base}/timetable/rooms`);
	await expect(page.getByTestId('rooms')).not.toContainText(`Bể bơi ${tag}`);
	await expect(page.getByTestId('rooms')).not.toContainText(`Phòng ${tag}`);
	await expect(page.getByTestId('rooms')).not.toContainText(`Phòng thừa 0 F${tag}`);
});
