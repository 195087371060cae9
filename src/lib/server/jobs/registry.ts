import { notifyJob } from '../messages/notify';
import { deliverJob } from '../messages/outbox';
import { retentionJob, retentionSchedule } from '../messages/retention';
import { usageRecomputeJob, usageRecomputeSchedule } from '../usage/recompute-job';
import { timetableGenerateJob } from '../timetable/generate';
import type { JobHandler, Schedule } from './types';

/** Every job kind of the portal and every schedule. A module adds its handler here. */
export const JOB_HANDLERS: JobHandler<never>[] = [
	usageRecomputeJob,
	timetableGenerateJob as JobHandler<never>,
	notifyJob,
	deliverJob as JobHandler<never>,
	retentionJob
];

export const JOB_SCHEDULES: Schedule[] = [usageRecomputeSchedule, retentionSchedule];
