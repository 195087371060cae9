import type { DB } from '../db';

/**
 * Reference data: the 54 ethnic groups (GSO code list, Decision 121-TCTK/PPCĐ; names as commonly
 * written), the subjects of the 2018 programme with periods per year (Circular 32/2018 as amended by
 * Circular 13/2022; see shared/domain/curriculum-2018.md; THPT figures other than Ngữ văn and
 * GDQP&AN are UNCERTAIN there and editable), and the school years.
 */
export const ETHNICITIES: [string, string][] = [
	['01', 'Kinh'],
	['02', 'Tày'],
	['03', 'Thái'],
	['04', 'Hoa'],
	['05', 'Khơ-me'],
	['06', 'Mường'],
	['07', 'Nùng'],
	['08', 'Mông'],
	['09', 'Dao'],
	['10', 'Gia-rai'],
	['11', 'Ngái'],
	['12', 'Ê-đê'],
	['13', 'Ba-na'],
	['14', 'Xơ-đăng'],
	['15', 'Sán Chay'],
	['16', 'Cơ-ho'],
	['17', 'Chăm'],
	['18', 'Sán Dìu'],
	['19', 'Hrê'],
	['20', 'Mnông'],
	['21', 'Ra-glai'],
	['22', 'Xtiêng'],
	['23', 'Bru-Vân Kiều'],
	['24', 'Thổ'],
	['25', 'Giáy'],
	['26', 'Cơ-tu'],
	['27', 'Giẻ-Triêng'],
	['28', 'Mạ'],
	['29', 'Khơ-mú'],
	['30', 'Co'],
	['31', 'Tà-ôi'],
	['32', 'Chơ-ro'],
	['33', 'Kháng'],
	['34', 'Xinh-mun'],
	['35', 'Hà Nhì'],
	['36', 'Chu-ru'],
	['37', 'Lào'],
	['38', 'La Chí'],
	['39', 'La Ha'],
	['40', 'Phù Lá'],
	['41', 'La Hủ'],
	['42', 'Lự'],
	['43', 'Lô Lô'],
	['44', 'Chứt'],
	['45', 'Mảng'],
	['46', 'Pà Thẻn'],
	['47', 'Cờ Lao'],
	['48', 'Cống'],
	['49', 'Bố Y'],
	['50', 'Si La'],
	['51', 'Pu Péo'],
	['52', 'Brâu'],
	['53', 'Ơ Đu'],
	['54', 'Rơ-măm']
];

type SubjectSeed = {
	code: string;
	vi: string;
	en: string;
	assessment?: 'score' | 'comment';
	elective?: boolean;
	periods: Record<number, number>;
};

const each = (grades: number[], n: number) => Object.fromEntries(grades.map((g) => [g, n]));

export const SUBJECTS: Record<'TH' | 'THCS' | 'THPT', SubjectSeed[]> = {
	TH: [
		{
			code: 'TV',
			vi: 'Tiếng Việt',
			en: 'Vietnamese',
			periods: { 1: 420, 2: 350, 3: 245, 4: 245, 5: 245 }
		},
		{
			code: 'TOAN',
			vi: 'Toán',
			en: 'Mathematics',
			periods: { 1: 105, 2: 175, 3: 175, 4: 175, 5: 175 }
		},
		{ code: 'NN1', vi: 'Ngoại ngữ 1', en: 'Foreign language 1', periods: each([3, 4, 5], 140) },
		{ code: 'DD', vi: 'Đạo đức', en: 'Ethics', periods: each([1, 2, 3, 4, 5], 35) },
		{
			code: 'TNXH',
			vi: 'Tự nhiên và Xã hội',
			en: 'Nature and society',
			periods: each([1, 2, 3], 70)
		},
		{
			code: 'LSDL',
			vi: 'Lịch sử và Địa lí',
			en: 'History and geography',
			periods: each([4, 5], 70)
		},
		{ code: 'KH', vi: 'Khoa học', en: 'Science', periods: each([4, 5], 70) },
		{
			code: 'THCN',
			vi: 'Tin học và Công nghệ',
			en: 'Informatics and technology',
			periods: each([3, 4, 5], 70)
		},
		{
			code: 'GDTC',
			vi: 'Giáo dục thể chất',
			en: 'Physical education',
			periods: each([1, 2, 3, 4, 5], 70)
		},
		{ code: 'NT', vi: 'Nghệ thuật', en: 'Arts', periods: each([1, 2, 3, 4, 5], 70) },
		{
			code: 'HDTN',
			vi: 'Hoạt động trải nghiệm',
			en: 'Experiential activities',
			periods: each([1, 2, 3, 4, 5], 105)
		}
	],
	THCS: [
		{ code: 'NV', vi: 'Ngữ văn', en: 'Literature', periods: each([6, 7, 8, 9], 140) },
		{ code: 'TOAN', vi: 'Toán', en: 'Mathematics', periods: each([6, 7, 8, 9], 140) },
		{ code: 'NN1', vi: 'Ngoại ngữ 1', en: 'Foreign language 1', periods: each([6, 7, 8, 9], 105) },
		{
			code: 'GDCD',
			vi: 'Giáo dục công dân',
			en: 'Civic education',
			periods: each([6, 7, 8, 9], 35)
		},
		{
			code: 'LSDL',
			vi: 'Lịch sử và Địa lí',
			en: 'History and geography',
			periods: each([6, 7, 8, 9], 105)
		},
		{
			code: 'KHTN',
			vi: 'Khoa học tự nhiên',
			en: 'Natural science',
			periods: each([6, 7, 8, 9], 140)
		},
		{ code: 'CN', vi: 'Công nghệ', en: 'Technology', periods: { 6: 35, 7: 35, 8: 52, 9: 52 } },
		{ code: 'TIN', vi: 'Tin học', en: 'Informatics', periods: each([6, 7, 8, 9], 35) },
		{
			code: 'GDTC',
			vi: 'Giáo dục thể chất',
			en: 'Physical education',
			assessment: 'comment',
			periods: each([6, 7, 8, 9], 70)
		},
		{
			code: 'NT',
			vi: 'Nghệ thuật',
			en: 'Arts',
			assessment: 'comment',
			periods: each([6, 7, 8, 9], 70)
		},
		{
			code: 'HDTN',
			vi: 'Hoạt động trải nghiệm, hướng nghiệp',
			en: 'Experiential and career activities',
			assessment: 'comment',
			periods: each([6, 7, 8, 9], 105)
		},
		{
			code: 'GDDP',
			vi: 'Nội dung giáo dục của địa phương',
			en: 'Local education content',
			assessment: 'comment',
			periods: each([6, 7, 8, 9], 35)
		}
	],
	THPT: [
		{ code: 'NV', vi: 'Ngữ văn', en: 'Literature', periods: each([10, 11, 12], 105) },
		{ code: 'TOAN', vi: 'Toán', en: 'Mathematics', periods: each([10, 11, 12], 105) },
		{ code: 'NN1', vi: 'Ngoại ngữ 1', en: 'Foreign language 1', periods: each([10, 11, 12], 105) },
		{ code: 'LS', vi: 'Lịch sử', en: 'History', periods: each([10, 11, 12], 52) },
		{
			code: 'GDQPAN',
			vi: 'Giáo dục quốc phòng và an ninh',
			en: 'Defence and security education',
			periods: each([10, 11, 12], 35)
		},
		{
			code: 'GDTC',
			vi: 'Giáo dục thể chất',
			en: 'Physical education',
			assessment: 'comment',
			periods: each([10, 11, 12], 70)
		},
		{
			code: 'HDTN',
			vi: 'Hoạt động trải nghiệm, hướng nghiệp',
			en: 'Experiential and career activities',
			assessment: 'comment',
			periods: each([10, 11, 12], 105)
		},
		{
			code: 'GDDP',
			vi: 'Nội dung giáo dục của địa phương',
			en: 'Local education content',
			assessment: 'comment',
			periods: each([10, 11, 12], 35)
		},
		{ code: 'DL', vi: 'Địa lí', en: 'Geography', elective: true, periods: each([10, 11, 12], 70) },
		{
			code: 'GDKTPL',
			vi: 'Giáo dục kinh tế và pháp luật',
			en: 'Economics and law',
			elective: true,
			periods: each([10, 11, 12], 70)
		},
		{ code: 'VL', vi: 'Vật lí', en: 'Physics', elective: true, periods: each([10, 11, 12], 70) },
		{ code: 'HH', vi: 'Hóa học', en: 'Chemistry', elective: true, periods: each([10, 11, 12], 70) },
		{ code: 'SH', vi: 'Sinh học', en: 'Biology', elective: true, periods: each([10, 11, 12], 70) },
		{
			code: 'CN',
			vi: 'Công nghệ',
			en: 'Technology',
			elective: true,
			periods: each([10, 11, 12], 70)
		},
		{
			code: 'TIN',
			vi: 'Tin học',
			en: 'Informatics',
			elective: true,
			periods: each([10, 11, 12], 70)
		},
		{
			code: 'AN',
			vi: 'Âm nhạc',
			en: 'Music',
			elective: true,
			assessment: 'comment',
			periods: each([10, 11, 12], 70)
		},
		{
			code: 'MT',
			vi: 'Mĩ thuật',
			en: 'Fine arts',
			elective: true,
			assessment: 'comment',
			periods: each([10, 11, 12], 70)
		}
	]
};

/** MOET framework: 35 teaching weeks, semester I 18 weeks, semester II 17 weeks; opening on 5 September. */
export const SCHOOL_YEARS = [
	{
		name: '2024-2025',
		starts_on: '2024-09-05',
		ends_on: '2025-05-31',
		s1: ['2024-09-05', '2025-01-18'],
		s2: ['2025-01-20', '2025-05-31'],
		current: false
	},
	{
		name: '2025-2026',
		starts_on: '2025-09-05',
		ends_on: '2026-05-31',
		s1: ['2025-09-05', '2026-01-18'],
		s2: ['2026-01-19', '2026-05-31'],
		current: false
	},
	{
		name: '2026-2027',
		starts_on: '2026-09-05',
		ends_on: '2027-05-31',
		s1: ['2026-09-05', '2027-01-16'],
		s2: ['2027-01-18', '2027-05-29'],
		current: true
	}
] as const;

export async function seedReference(db: DB): Promise<void> {
	await db
		.insertInto('ethnicities')
		.values(ETHNICITIES.map(([code, name]) => ({ code, name })))
		.onConflict((oc) => oc.column('code').doNothing())
		.execute();
	for (const [level, subjects] of Object.entries(SUBJECTS) as [
		keyof typeof SUBJECTS,
		SubjectSeed[]
	][]) {
		const rows = await db
			.insertInto('subjects')
			.values(
				subjects.map((s, i) => ({
					code: s.code,
					level,
					name_vi: s.vi,
					name_en: s.en,
					assessment: s.assessment ?? 'score',
					is_elective: s.elective ?? false,
					sort_order: i + 1
				}))
			)
			.returning(['id', 'code'])
			.execute();
		const ids = new Map(rows.map((r) => [r.code, r.id]));
		await db
			.insertInto('subject_periods')
			.values(
				subjects.flatMap((s) =>
					Object.entries(s.periods).map(([grade, periods]) => ({
						subject_id: ids.get(s.code)!,
						grade: Number(grade),
						periods_per_year: periods
					}))
				)
			)
			.execute();
	}
	for (const y of SCHOOL_YEARS) {
		const year = await db
			.insertInto('school_years')
			.values({ name: y.name, starts_on: y.starts_on, ends_on: y.ends_on, is_current: y.current })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('semesters')
			.values([
				{
					school_year_id: year.id,
					number: 1,
					starts_on: y.s1[0],
					ends_on: y.s1[1],
					teaching_weeks: 18
				},
				{
					school_year_id: year.id,
					number: 2,
					starts_on: y.s2[0],
					ends_on: y.s2[1],
					teaching_weeks: 17
				}
			])
			.execute();
	}
}
