import { error, type RequestEvent } from '@sveltejs/kit';
import { isCheckpoint, type Checkpoint } from '$lib/grades/checkpoints';
import { checkpointLabel } from '$lib/i18n/grades';
import { queryId } from '$lib/schemas/common';
import * as m from '$lib/paraglide/messages';
import { requestContext, routeId } from '../action';
import { notFound } from '../auth/access';
import { pdfResponse } from '../pdf';
import { FAMILY, type ChildAccess } from './parent';
import { loadPupilCard } from './report-card';
import { reportCardFileName, reportCardPdf, reportCardView } from './report-card-view';
import { primaryCardFileName, primaryCardView } from '../primary/report-card-view';

/**
 * The report card's page and PDF for both URL families: the parent's
 * (`/parent/children/[studentId]/grades/report-card/[checkpoint]`, own children) and the school's
 * (`/schools/[schoolId]/grades/report-cards/[studentId]/[checkpoint]`, homeroom teacher and admin).
 */
function accessOf(event: RequestEvent): ChildAccess {
	const school = event.params.schoolId;
	const access: ChildAccess = school
		? { permission: 'class.homeroom', schoolId: routeId(school) }
		: FAMILY;
	// `?year=`: the card of the pupil's class in that school year (enrolment history, 0360)
	const year = queryId.parse(event.url.searchParams.get('year') ?? undefined);
	return year === undefined ? access : { ...access, yearId: year };
}

function checkpointOf(event: RequestEvent): Checkpoint {
	const value = event.params.checkpoint;
	return isCheckpoint(value) ? value : notFound();
}

async function answerOf(event: RequestEvent) {
	const { db, principal } = requestContext(event);
	const checkpoint = checkpointOf(event);
	const studentId = routeId(event.params.studentId ?? '');
	return {
		checkpoint,
		answer: await loadPupilCard(db, principal, studentId, checkpoint, accessOf(event))
	};
}

export async function reportCardPage(event: RequestEvent) {
	const { checkpoint, answer } = await answerOf(event);
	const pdfHref = `${event.url.pathname.replace(/\/$/, '')}/pdf${event.url.search}`;
	if (!answer.published)
		return {
			view: null,
			pdfHref,
			name: answer.fullName,
			notPublished: m.reportcard_not_published({ checkpoint: checkpointLabel(checkpoint) })
		};
	if ('primaryCard' in answer)
		return {
			view: primaryCardView(answer.primaryCard),
			pdfHref,
			name: answer.primaryCard.fullName,
			notPublished: null
		};
	return {
		view: reportCardView(answer.card),
		pdfHref,
		name: answer.card.grades.fullName,
		notPublished: null
	};
}

export async function reportCardDownload(event: RequestEvent): Promise<Response> {
	const { checkpoint, answer } = await answerOf(event);
	if (!answer.published)
		error(404, m.reportcard_not_published({ checkpoint: checkpointLabel(checkpoint) }));
	if ('primaryCard' in answer) {
		const bytes = await reportCardPdf(primaryCardView(answer.primaryCard));
		return pdfResponse(bytes, primaryCardFileName(answer.primaryCard));
	}
	const bytes = await reportCardPdf(reportCardView(answer.card));
	return pdfResponse(bytes, reportCardFileName(answer.card));
}
