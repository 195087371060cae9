import type { PlatformGroup } from '../db/schema';

/**
 * The default catalogue of 12 required platforms (shared/domain/rollout.md). No public document
 * lists the province's 12: this default is built from what the province reports and the MOET
 * digital-transformation index (Decision 4725). The department edits it in the portal.
 */
export interface CatalogueEntry {
	code: string;
	group: PlatformGroup;
	vi: string;
	en: string;
	descriptionVi: string;
	descriptionEn: string;
	howToVi: string;
	howToEn: string;
	requirementsVi: string;
	requirementsEn: string;
	vendors: string;
}

export const DEFAULT_PLATFORMS: CatalogueEntry[] = [
	{
		code: 'school-management',
		group: 'management',
		vi: 'Phần mềm quản lý nhà trường',
		en: 'School management system',
		descriptionVi:
			'Quản lý hồ sơ học sinh, giáo viên, lớp học, kế hoạch giáo dục trên một hệ thống dùng chung với cơ sở dữ liệu ngành.',
		descriptionEn:
			'Student, staff, class and plan records in one system linked to the sector database.',
		howToVi:
			'Chọn phần mềm, nhập dữ liệu học sinh và cán bộ, đồng bộ với cơ sở dữ liệu ngành, phân quyền cho tổ chuyên môn.',
		howToEn:
			'Choose the software, load students and staff, sync with the sector database, give each team its rights.',
		requirementsVi: 'Máy tính có internet cho văn phòng; một cán bộ phụ trách dữ liệu.',
		requirementsEn: 'An office computer with internet; one staff member in charge of data.',
		vendors: 'vnEdu (VNPT), SMAS (Viettel), K12Online'
	},
	{
		code: 'e-gradebook',
		group: 'management',
		vi: 'Sổ điểm điện tử, học bạ số',
		en: 'E-gradebook and digital transcripts',
		descriptionVi: 'Giáo viên nhập điểm, nhận xét theo Thông tư 22/2021; học bạ số có ký số.',
		descriptionEn:
			'Teachers enter scores and comments per Circular 22/2021; digitally signed transcripts.',
		howToVi: 'Cấu hình môn học và số điểm thường xuyên; tập huấn giáo viên; ký số học bạ cuối năm.',
		howToEn:
			'Set up subjects and the number of regular scores; train teachers; sign transcripts at year end.',
		requirementsVi: 'Tài khoản cho mọi giáo viên; chữ ký số của hiệu trưởng và giáo viên.',
		requirementsEn:
			'An account for every teacher; digital signatures for the principal and teachers.',
		vendors: 'vnEdu, SMAS, K12Online'
	},
	{
		code: 'contact-book',
		group: 'management',
		vi: 'Sổ liên lạc điện tử, kết nối gia đình - nhà trường',
		en: 'Family-school communication',
		descriptionVi:
			'Gửi điểm, thời khóa biểu, thông báo, nhận đơn xin nghỉ; miễn phí cho phụ huynh.',
		descriptionEn:
			'Scores, timetable, announcements and leave requests for parents, free of charge.',
		howToVi:
			'Liên kết tài khoản phụ huynh với học sinh; giáo viên chủ nhiệm gửi thông báo hằng tuần.',
		howToEn: 'Link parent accounts to students; homeroom teachers send weekly updates.',
		requirementsVi:
			'Số điện thoại hoặc email của phụ huynh; không thu phí phụ huynh (CV 5041/BGDĐT-CNTT).',
		requirementsEn: 'Parents’ phone or e-mail; no fee charged to parents (MOET dispatch 5041).',
		vendors: 'Trường Số, vnEdu Connect, SMAS, Zalo OA'
	},
	{
		code: 'cashless-payment',
		group: 'management',
		vi: 'Thanh toán không dùng tiền mặt',
		en: 'Cashless fee payment',
		descriptionVi: 'Thu các khoản theo quy định qua ngân hàng, ví điện tử; đối soát tự động.',
		descriptionEn:
			'Collect approved fees through banks or e-wallets with automatic reconciliation.',
		howToVi: 'Ký thỏa thuận với ngân hàng; công khai danh mục khoản thu; hướng dẫn phụ huynh.',
		howToEn: 'Sign with a bank; publish the list of fees; guide parents.',
		requirementsVi: 'Tài khoản ngân hàng của trường; kế toán được tập huấn.',
		requirementsEn: 'A school bank account; a trained accountant.',
		vendors: 'Vietinbank, BIDV, Agribank, Viettel Money, VNPT Money'
	},
	{
		code: 'digital-signature',
		group: 'management',
		vi: 'Chữ ký số',
		en: 'Digital signatures',
		descriptionVi: 'Chữ ký số cơ quan (Ban Cơ yếu Chính phủ) và cá nhân cho văn bản, học bạ.',
		descriptionEn:
			'Organisation (Government Cipher Committee) and personal signatures for documents and transcripts.',
		howToVi:
			'Đăng ký chứng thư số cho trường, hiệu trưởng và giáo viên; dùng trên phần mềm văn bản và học bạ.',
		howToEn:
			'Register certificates for the school, principal and teachers; use them in document and transcript software.',
		requirementsVi: 'Danh sách cán bộ cần chứng thư; thiết bị ký số hoặc ký số từ xa.',
		requirementsEn: 'A list of staff needing certificates; tokens or remote signing.',
		vendors: 'Ban Cơ yếu Chính phủ, VNPT-CA, Viettel-CA'
	},
	{
		code: 'online-enrolment',
		group: 'management',
		vi: 'Tuyển sinh trực tuyến',
		en: 'Online enrolment',
		descriptionVi:
			'Phụ huynh đăng ký tuyển sinh đầu cấp trực tuyến; nhà trường xét duyệt trên hệ thống.',
		descriptionEn:
			'Parents apply online for entry grades; the school reviews applications in the system.',
		howToVi:
			'Công bố kế hoạch tuyển sinh; mở cổng đăng ký; hỗ trợ phụ huynh không có điện thoại thông minh.',
		howToEn: 'Publish the enrolment plan; open the portal; help parents without smartphones.',
		requirementsVi: 'Kết nối cơ sở dữ liệu dân cư (định danh học sinh).',
		requirementsEn: 'A link to the population database (student identity).',
		vendors: 'Cổng tuyển sinh của tỉnh, VNPT, Viettel'
	},
	{
		code: 'online-meetings',
		group: 'management',
		vi: 'Họp, hội nghị trực tuyến',
		en: 'Online meetings',
		descriptionVi: 'Họp hội đồng, sinh hoạt chuyên môn, tập huấn trực tuyến.',
		descriptionEn: 'Staff meetings, subject-team meetings and training online.',
		howToVi: 'Chọn nền tảng họp; lập lịch họp trực tuyến định kỳ; lưu biên bản.',
		howToEn: 'Choose a meeting platform; schedule regular online meetings; keep the minutes.',
		requirementsVi: 'Phòng họp có camera, micro; đường truyền ổn định.',
		requirementsEn: 'A room with camera and microphone; a stable connection.',
		vendors: 'Zoom, Google Meet, Microsoft Teams, VNPT Meeting'
	},
	{
		code: 'lms',
		group: 'teaching',
		vi: 'Hệ thống dạy học trực tuyến (LMS)',
		en: 'Online teaching (LMS)',
		descriptionVi: 'Giao bài, học liệu, bài kiểm tra và theo dõi học sinh học trực tuyến.',
		descriptionEn: 'Assignments, materials, quizzes and tracking of online learning.',
		howToVi: 'Ban hành quy chế dạy học trực tuyến; tạo lớp trên LMS; tập huấn giáo viên.',
		howToEn: 'Issue an online-teaching regulation; create classes in the LMS; train teachers.',
		requirementsVi: 'Kế hoạch và quy chế dạy học trực tuyến (điều kiện bắt buộc theo QĐ 4725).',
		requirementsEn: 'An online-teaching plan and regulation (mandatory condition, Decision 4725).',
		vendors: 'K12Online, Moodle, Google Classroom, Microsoft Teams'
	},
	{
		code: 'learning-resources',
		group: 'teaching',
		vi: 'Kho học liệu số, bài giảng điện tử',
		en: 'Digital learning resources',
		descriptionVi: 'Kho bài giảng điện tử, ngân hàng câu hỏi, sách giáo khoa điện tử dùng chung.',
		descriptionEn: 'A shared store of e-lectures, question banks and e-textbooks.',
		howToVi: 'Mỗi tổ chuyên môn xây dựng và thẩm định học liệu; chia sẻ lên kho của Sở.',
		howToEn:
			'Each subject team builds and reviews materials and shares them to the department’s store.',
		requirementsVi: 'Giáo viên được tập huấn soạn bài giảng điện tử.',
		requirementsEn: 'Teachers trained to author e-lectures.',
		vendors: 'Kho học liệu của Bộ GD&ĐT, Hành trang số, VioEdu'
	},
	{
		code: 'digital-library',
		group: 'teaching',
		vi: 'Thư viện số',
		en: 'Digital library',
		descriptionVi: 'Số hóa tài liệu thư viện; học sinh, giáo viên mượn, đọc trực tuyến.',
		descriptionEn:
			'Digitised library holdings; online reading and lending for students and teachers.',
		howToVi: 'Số hóa danh mục sách; kết nối thư viện số liên thông; hướng dẫn học sinh khai thác.',
		howToEn: 'Digitise the catalogue; join a shared digital library; teach students to use it.',
		requirementsVi: 'Cán bộ thư viện; máy quét; phần mềm thư viện.',
		requirementsEn: 'A librarian; a scanner; library software.',
		vendors: 'Thư viện số VNPT, Viettel, eLib'
	},
	{
		code: 'virtual-lab',
		group: 'teaching',
		vi: 'Phòng thí nghiệm ảo',
		en: 'Virtual labs',
		descriptionVi: 'Mô phỏng thí nghiệm Vật lí, Hóa học, Sinh học, Khoa học tự nhiên.',
		descriptionEn: 'Simulated experiments in physics, chemistry, biology and natural science.',
		howToVi: 'Chọn phần mềm mô phỏng; đưa vào kế hoạch bài dạy của tổ Khoa học tự nhiên.',
		howToEn: 'Choose simulation software; include it in the science team’s lesson plans.',
		requirementsVi: 'Phòng máy hoặc máy chiếu có internet.',
		requirementsEn: 'A computer room or projector with internet.',
		vendors: 'PhET, Crocodile, Olm, VioEdu'
	},
	{
		code: 'online-testing',
		group: 'teaching',
		vi: 'Kiểm tra, đánh giá trực tuyến',
		en: 'Online testing and assessment',
		descriptionVi: 'Tổ chức kiểm tra trên máy tính, chấm tự động, đồng bộ kết quả với sổ điểm.',
		descriptionEn:
			'Computer-based tests with automatic marking and results synced to the gradebook.',
		howToVi: 'Xây dựng ngân hàng câu hỏi; tổ chức kiểm tra tại phòng máy; đồng bộ điểm.',
		howToEn: 'Build a question bank; hold tests in the computer room; sync the scores.',
		requirementsVi: 'Phòng máy tính; ngân hàng câu hỏi đã thẩm định.',
		requirementsEn: 'A computer room; a reviewed question bank.',
		vendors: 'K12Online, Azota, Olm, Quizizz'
	}
];
