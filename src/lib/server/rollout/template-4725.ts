import type { CriterionSeed, TemplateSeed } from './template-data';

const c = (
	group: CriterionSeed['group'],
	code: string,
	vi: string,
	en: string,
	maxPoints: number,
	mandatory = false
): CriterionSeed => ({
	group,
	code,
	title: [vi, en],
	guidance: mandatory
		? [
				'Điều kiện bắt buộc: thiếu điều kiện này nhóm tiêu chí chỉ đạt mức 1. Minh chứng: văn bản ban hành.',
				'Mandatory condition: without it the group stays at level 1. Evidence: the issued documents.'
			]
		: [
				'Tự chấm điểm theo mức độ đáp ứng; đính kèm minh chứng (tệp, đường dẫn hoặc số liệu từ hệ thống).',
				'Self-score how far the school meets it; attach evidence (files, links or data from the systems).'
			],
	maxPoints,
	mandatory,
	evidence: true,
	// Decision 4725 calendar: the self-assessment is submitted before 31 May.
	dueOn: '2026-05-31'
});

/**
 * MOET Decision 4725/QĐ-BGDĐT (30/12/2022), the school digital-transformation index. The official
 * list with points was not verified: this follows a third-party list (shared/domain/rollout.md).
 * Its management group sums to 90 (one criterion of 10 is missing from the sources); scores are
 * normalised to 100. Shipped as an editable, clearly labelled template.
 */
export const DTI_TEMPLATE: TemplateSeed = {
	code: 'moet-4725',
	kind: 'dti',
	name: [
		'Chỉ số chuyển đổi số trường phổ thông (QĐ 4725/QĐ-BGDĐT), năm học 2025-2026',
		'School digital-transformation index (MOET Decision 4725), school year 2025-2026'
	],
	description: [
		'Bản tham khảo CHƯA ĐƯỢC KIỂM CHỨNG: danh mục tiêu chí và điểm lấy từ nguồn không chính thức; nhóm Quản trị cộng lại 90 điểm (thiếu một tiêu chí 10 điểm). Sở cần đối chiếu văn bản gốc và sửa trước khi dùng chính thức.',
		'UNVERIFIED reference version: criteria and points come from unofficial sources; the management group sums to 90 (one criterion of 10 is missing). Check against the official decision and edit before official use.'
	],
	isVerified: false,
	criteria: [
		c(
			'teaching',
			'DH.00',
			'Kế hoạch và quy chế tổ chức dạy học trực tuyến',
			'Online-teaching plan and regulation',
			0,
			true
		),
		c(
			'teaching',
			'DH.01',
			'Phần mềm dạy học trực tuyến trực tiếp',
			'Live online teaching software',
			6
		),
		c(
			'teaching',
			'DH.02',
			'LMS: quản lý lớp học và học sinh',
			'LMS: managing classes and learners',
			6
		),
		c('teaching', 'DH.03', 'LMS: giao bài và nộp bài', 'LMS: assigning and handing in work', 6),
		c('teaching', 'DH.04', 'LMS: kiểm tra, đánh giá', 'LMS: tests and assessment', 6),
		c(
			'teaching',
			'DH.05',
			'LMS: theo dõi, báo cáo quá trình học',
			'LMS: tracking and reporting learning',
			6
		),
		c('teaching', 'DH.06', 'Học liệu được số hóa', 'Digitised learning materials', 10),
		c('teaching', 'DH.07', 'Tổ chức kiểm tra trên máy tính', 'Computer-room testing', 15),
		c(
			'teaching',
			'DH.08',
			'Phần mềm kiểm tra trao đổi kết quả với phần mềm quản lý',
			'Test software exchanging results with management software',
			5
		),
		c(
			'teaching',
			'DH.09',
			'Giáo viên có tài khoản sử dụng phần mềm dạy học',
			'Teacher accounts on teaching software',
			7
		),
		c(
			'teaching',
			'DH.10',
			'Phần mềm hỗ trợ phương pháp dạy học mới',
			'Software for new teaching methods',
			7
		),
		c(
			'teaching',
			'DH.11',
			'Giáo viên tự xây dựng học liệu số',
			'Teachers building digital materials',
			6
		),
		c(
			'teaching',
			'DH.12',
			'Phòng học có máy chiếu và kết nối internet',
			'Classrooms with projector and internet',
			8
		),
		c(
			'teaching',
			'DH.13',
			'Năng lực ứng dụng công nghệ thông tin của giáo viên',
			'Teachers’ IT capacity',
			7
		),
		c('teaching', 'DH.14', 'Phòng ghi hình bài giảng (studio)', 'Lesson recording studio', 5),
		c(
			'management',
			'QL.00',
			'Ban chỉ đạo và kế hoạch ứng dụng CNTT, chuyển đổi số',
			'Steering unit and IT/digital-transformation plan',
			0,
			true
		),
		c('management', 'QL.01', 'Quy chế quản lý, vận hành hệ thống', 'Management regulation', 6),
		c('management', 'QL.02', 'Quản lý học sinh', 'Student management', 6),
		c('management', 'QL.03', 'Sổ điểm điện tử, học bạ số', 'E-gradebook and transcripts', 10),
		c('management', 'QL.04', 'Quản lý cán bộ, giáo viên', 'Staff management', 6),
		c('management', 'QL.05', 'Quản lý cơ sở vật chất', 'Facilities management', 10),
		c('management', 'QL.06', 'Y tế trường học', 'School health', 10),
		c('management', 'QL.07', 'Kế toán', 'Accounting', 6),
		c(
			'management',
			'QL.08',
			'Trao đổi dữ liệu với cơ sở dữ liệu ngành',
			'Data exchange with the sector database',
			6
		),
		c('management', 'QL.09', 'Ứng dụng kết nối gia đình - nhà trường', 'Family-school app', 8),
		c('management', 'QL.10', 'Tuyển sinh trực tuyến', 'Online enrolment', 12),
		c('management', 'QL.11', 'Thu phí không dùng tiền mặt', 'Cashless fees', 10)
	]
};
