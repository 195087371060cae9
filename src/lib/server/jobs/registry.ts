import { notifyJob } from '../messages/notify';
import { usageRecomputeJob, usageRecomputeSchedule } from '../usage/recompute-job';
import { timetableGenerateJob } from '../timetable/generate';
import type { JobHandler, Schedule } from './types';

/** Every job kind of the portal and every schedule. A module adds its handler here. */
export const JOB_HANDLERS: JobHandler<never>[] = [
	usageRecomputeJob,
	timetableGenerateJob as JobHandler<never>,
	notifyJob
];

export const JOB_SCHEDULES: Schedule[] = [usageRecomputeSchedule];
