import type { PlatformGroup, TemplateKind } from '../db/schema';

/** A criterion of a seeded template. `[vi, en]` pairs keep both languages side by side. */
export interface CriterionSeed {
	group: PlatformGroup;
	code: string;
	title: [string, string];
	guidance: [string, string];
	maxPoints: number;
	mandatory?: boolean;
	evidence?: boolean;
	dueOffsetDays?: number;
	dueOn?: string;
	platform?: string;
}

export interface TemplateSeed {
	code: string;
	kind: TemplateKind;
	name: [string, string];
	description: [string, string];
	isVerified: boolean;
	criteria: CriterionSeed[];
}

const platformItem = (
	group: PlatformGroup,
	code: string,
	platform: string,
	title: [string, string],
	maxPoints: number,
	dueOffsetDays: number
): CriterionSeed => ({
	group,
	code,
	platform,
	title,
	guidance: [
		'Nền tảng ở trạng thái "Đang sử dụng"; minh chứng: ảnh chụp màn hình, quyết định hoặc báo cáo sử dụng. Xem hướng dẫn triển khai của nền tảng trong danh mục.',
		'The platform is "In use"; evidence: screenshots, a decision or a usage report. See the platform’s deployment guide in the catalogue.'
	],
	maxPoints,
	evidence: true,
	dueOffsetDays
});

/**
 * The smart-school model checklist: the 12 platforms of the default catalogue plus the plan,
 * the steering group and training (shared/domain/rollout.md). Each group sums to 100.
 */
export const MODEL_TEMPLATE: TemplateSeed = {
	code: 'dx-school-model',
	kind: 'model',
	name: ['Mô hình trường học chuyển đổi số', 'Digital-transformation school model'],
	description: [
		'Các mục tiêu của mô hình: 12 nền tảng bắt buộc, kế hoạch, ban chỉ đạo và tập huấn. Theo nguyên tắc "ba được": nhìn được, sờ được, nắm được. Sở có thể sửa danh mục này.',
		'The model’s targets: the 12 required platforms, the plan, the steering group and training, following "ba được" (visible, tangible, measurable). The department may edit this list.'
	],
	isVerified: true,
	criteria: [
		{
			group: 'management',
			code: 'QL.01',
			title: [
				'Thành lập Ban chỉ đạo chuyển đổi số của nhà trường',
				'A school digital-transformation steering group'
			],
			guidance: [
				'Hiệu trưởng ra quyết định thành lập, phân công nhiệm vụ từng thành viên. Minh chứng: quyết định.',
				'The principal appoints the group and assigns each member’s tasks. Evidence: the decision.'
			],
			maxPoints: 10,
			mandatory: true,
			evidence: true,
			dueOffsetDays: 30
		},
		{
			group: 'management',
			code: 'QL.02',
			title: [
				'Kế hoạch chuyển đổi số năm học được phê duyệt',
				'An approved digital-transformation plan for the year'
			],
			guidance: [
				'Kế hoạch nêu rõ mục tiêu, nền tảng, người phụ trách, thời hạn, kinh phí. Minh chứng: kế hoạch đã ký.',
				'The plan names goals, platforms, owners, deadlines and budget. Evidence: the signed plan.'
			],
			maxPoints: 10,
			mandatory: true,
			evidence: true,
			dueOffsetDays: 30
		},
		platformItem(
			'management',
			'QL.03',
			'school-management',
			['Phần mềm quản lý nhà trường được sử dụng', 'School management system in use'],
			12,
			90
		),
		platformItem(
			'management',
			'QL.04',
			'e-gradebook',
			['Sổ điểm điện tử, học bạ số được sử dụng', 'E-gradebook and digital transcripts in use'],
			12,
			120
		),
		platformItem(
			'management',
			'QL.05',
			'contact-book',
			['Sổ liên lạc điện tử, kết nối gia đình - nhà trường', 'Family-school communication in use'],
			12,
			120
		),
		platformItem(
			'management',
			'QL.06',
			'cashless-payment',
			['Thu phí không dùng tiền mặt', 'Cashless fee payment in use'],
			10,
			180
		),
		platformItem(
			'management',
			'QL.07',
			'digital-signature',
			['Chữ ký số cho lãnh đạo và giáo viên', 'Digital signatures for leaders and teachers'],
			10,
			150
		),
		platformItem(
			'management',
			'QL.08',
			'online-enrolment',
			['Tuyển sinh trực tuyến', 'Online enrolment in use'],
			12,
			240
		),
		platformItem(
			'management',
			'QL.09',
			'online-meetings',
			['Họp, hội nghị trực tuyến định kỳ', 'Regular online meetings'],
			12,
			60
		),
		{
			group: 'teaching',
			code: 'DH.01',
			title: ['Kế hoạch và quy chế dạy học trực tuyến', 'An online-teaching plan and regulation'],
			guidance: [
				'Ban hành kế hoạch và quy chế tổ chức dạy học trực tuyến (điều kiện bắt buộc theo QĐ 4725). Minh chứng: văn bản ban hành.',
				'Issue the plan and the regulation for online teaching (a mandatory condition of Decision 4725). Evidence: the issued documents.'
			],
			maxPoints: 10,
			mandatory: true,
			evidence: true,
			dueOffsetDays: 45
		},
		platformItem(
			'teaching',
			'DH.02',
			'lms',
			['Hệ thống dạy học trực tuyến (LMS)', 'Online teaching system (LMS) in use'],
			15,
			150
		),
		platformItem(
			'teaching',
			'DH.03',
			'learning-resources',
			['Kho học liệu số, bài giảng điện tử', 'Digital learning resources in use'],
			15,
			180
		),
		platformItem(
			'teaching',
			'DH.04',
			'digital-library',
			['Thư viện số', 'Digital library in use'],
			15,
			240
		),
		platformItem(
			'teaching',
			'DH.05',
			'virtual-lab',
			['Phòng thí nghiệm ảo', 'Virtual labs in use'],
			15,
			240
		),
		platformItem(
			'teaching',
			'DH.06',
			'online-testing',
			['Kiểm tra, đánh giá trực tuyến', 'Online testing in use'],
			15,
			210
		),
		{
			group: 'teaching',
			code: 'DH.07',
			title: ['Tập huấn kỹ năng số cho cán bộ, giáo viên', 'Digital-skills training for staff'],
			guidance: [
				'Mỗi cán bộ, giáo viên được tập huấn sử dụng các nền tảng. Minh chứng: danh sách tham dự, kế hoạch tập huấn.',
				'Every staff member is trained on the platforms. Evidence: attendance lists, the training plan.'
			],
			maxPoints: 15,
			evidence: true,
			dueOffsetDays: 120
		}
	]
};
