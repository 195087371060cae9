/**
 * Cover for absent teachers (dạy thay). An absence covers whole days or some periods of each day
 * of a date range; the lessons it touches are the absent teacher's cells in the published version
 * in force on each date. Substitutes proposed for a lesson are free at that slot (no lesson of
 * their own, no other cover, not absent themselves), stay within the school's daily maximum
 * (their own lessons that day plus covers), and are ranked: teaches the subject, teaches the
 * class, fewest covers this month, lightest day. Everything is read with a handful of set queries
 * for the whole absence, never one per lesson. Relative imports: the seed uses this module.
 *
 * The module is four files: `cover-absences.ts` (absences), `cover-plan.ts` (affected lessons and
 * proposed substitutes), `cover-assign.ts` (recording and removing covers) and `cover-report.ts`
 * (covers of a period of dates, the monthly report); this file is the one import for all of them
 * (the plan's helpers `coverContext`, `rankSubstitutes`, `mergeCandidates` stay inside).
 */
export * from './cover-absences';
export { affectedLessons, coverPlan, type CoverSlot, type Substitute } from './cover-plan';
export * from './cover-assign';
export * from './cover-report';
