import type { MatrixIds } from './types';

/**
 * Ids in the shapes the route matchers accept (the real ones are looked up when the matrix runs):
 * the coverage test and the malformed-id tests read the routes' shapes from them.
 */
export const SAMPLE: MatrixIds = {
	quangTrung: 11,
	nguyenTatThanh: 12,
	vanYenSchool: 13,
	roster: {
		staff: 21,
		cls: 22,
		homeroomCls: 23,
		student: 23,
		guardian: 24,
		batch: '00000000-0000-4000-8000-000000000001',
		badBatch: '00000000-0000-4000-8000-000000000002',
		deptBatch: '00000000-0000-4000-8000-000000000003',
		deptBadBatch: '00000000-0000-4000-8000-000000000004'
	},
	rollout: {
		dongCuong: 14,
		qtChecklist: 31,
		qtItem: 32,
		dcChecklist: 33,
		dcItem: 34,
		dcEvidence: 35,
		template: 36,
		criterion: 37,
		wave: 38,
		platform: 39
	},
	usageEntry: 41,
	grades: {
		book: '/teacher/grades/51/52/53',
		ownChild: 54,
		otherChild: 55,
		rollClass: 56,
		homeroomPupil: 57
	},
	gradesApi: {
		book: '/api/v1/classes/58/gradebook?subject=59&semester=1',
		childInHomeroom: 64,
		childElsewhere: 65,
		homeroomOther: 66
	},
	timetable: { version: 61, child: 62, absence: 63 },
	officialNotices: { province: 81, area: 82, withFile: 83, file: 84 },
	primary: { cls: 91, pupil: 92, school: 93, cardPupil: 94 },
	messages: {
		attachment: 78,
		family: 71,
		office: 72,
		otherFamily: 73,
		otherSchool: 74,
		familyNotice: 75,
		staffNotice: 76,
		leave: 77
	}
};
