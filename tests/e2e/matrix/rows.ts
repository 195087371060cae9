import { accountsRows } from './accounts';
import { calendarRows } from './calendar';
import { deletionRows } from './deletion';
import { gradesRows } from './grades';
import { gradesApiRows } from './grades-api';
import { jobsRows } from './jobs';
import { messagesRows } from './messages';
import { noticeFollowupRows } from './notice-followup';
import { officialNoticesRows } from './official-notices';
import { orgRows } from './org';
import { primaryRows } from './primary';
import { privacyLogRows } from './privacy-log';
import { rolloutRows } from './rollout';
import { rosterRows } from './roster';
import { timetableRows } from './timetable';
import { timetableFetRows } from './timetable-fet';
import type { MatrixRow } from './types';
import { usageRows } from './usage';
import { yearRolloverRows } from './year-rollover';
import { yearSwitchRows } from './year';

/**
 * Every row of the authorization matrix. `tests/unit/authorization-matrix-coverage.test.ts` checks
 * that every page, form action and endpoint of `src/routes` has at least one.
 */
export const ROWS: MatrixRow[] = [
	...orgRows,
	...rosterRows,
	...rolloutRows,
	...usageRows,
	...jobsRows,
	...gradesRows,
	...gradesApiRows,
	...timetableRows,
	...messagesRows,
	...officialNoticesRows,
	...noticeFollowupRows,
	...accountsRows,
	...primaryRows,
	...calendarRows,
	...timetableFetRows,
	...yearRolloverRows,
	...yearSwitchRows,
	...deletionRows,
	...privacyLogRows
];
