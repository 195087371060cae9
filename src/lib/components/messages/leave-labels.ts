import * as m from '$lib/paraglide/messages';

export const sessionsLabel = (s: 'all' | 'morning' | 'afternoon') =>
	({
		all: m.leave_sessions_all,
		morning: m.leave_sessions_morning,
		afternoon: m.leave_sessions_afternoon
	})[s]();

export const leaveStateLabel = (s: 'pending' | 'approved' | 'refused') =>
	({
		pending: m.leave_status_pending,
		approved: m.leave_state_approved,
		refused: m.leave_state_refused
	})[s]();

export const leaveTone = (s: 'pending' | 'approved' | 'refused') =>
	s === 'approved' ? 'success' : s === 'refused' ? 'danger' : 'warning';
