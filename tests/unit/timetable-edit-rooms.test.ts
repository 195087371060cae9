import { describe, expect, it } from 'vitest';
import { checkRooms } from '../../src/lib/timetable/edit-rooms';
import type { RoomCell } from '../../src/lib/timetable/rooms';

const cell = (classId: number, subjectId: number, day: number, period: number): RoomCell => ({
	day,
	period,
	classId,
	className: `6A${classId}`,
	subjectId,
	subjectName: ''
});
const TIN = 7;
const needs = new Map([[TIN, 'computer' as const]]);
const room = (id: number, capacity: number | null) => ({
	id,
	name: `P${id}`,
	type: 'computer' as const,
	capacity
});

describe("the editor's room check", () => {
	const before = [cell(1, TIN, 0, 0), cell(2, TIN, 0, 1), cell(1, 3, 0, 1)];
	// class 1 swaps its Tin học (0,0) with its lesson at (0,1), where class 2 has Tin học too
	const after = [cell(1, TIN, 0, 1), cell(2, TIN, 0, 1), cell(1, 3, 0, 0)];
	const base = {
		before,
		after,
		touched: [
			[0, 0],
			[0, 1]
		] as [number, number][],
		movedClassId: 1,
		needs,
		pupils: new Map([
			[1, 30],
			[2, 20]
		])
	};

	it('names a slot that then needs more rooms of a type than exist', () => {
		const r = checkRooms({ ...base, rooms: [room(1, null)] });
		expect(r.clashes).toEqual([
			{ day: 0, period: 1, type: 'computer', rooms: 1, classNames: ['6A1', '6A2'] }
		]);
	});

	it('allows it with enough rooms, and warns when the class is larger than its room', () => {
		const r = checkRooms({ ...base, rooms: [room(1, 25), room(2, 40)] });
		expect(r.clashes).toEqual([]);
		expect(r.tooSmall).toEqual([
			{ day: 0, period: 1, className: '6A1', roomName: 'P1', capacity: 25, pupils: 30 }
		]);
		expect(checkRooms({ ...base, rooms: [room(1, 30), room(2, null)] }).tooSmall).toEqual([]);
	});

	it('does not blame a move for a shortage that was already there or elsewhere', () => {
		const already = [
			cell(1, TIN, 0, 1),
			cell(2, TIN, 0, 1),
			cell(3, TIN, 2, 2),
			cell(4, TIN, 2, 2)
		];
		expect(
			checkRooms({ ...base, before: already, after: already, rooms: [room(1, null)] }).clashes
		).toEqual([]);
		const untouched = checkRooms({ ...base, touched: [[0, 0]], rooms: [room(1, null)] });
		expect(untouched.clashes).toEqual([]);
	});

	it('counts no rooms of the type as none', () => {
		const r = checkRooms({ ...base, rooms: [] });
		expect(r.clashes.map((c) => c.rooms)).toEqual([0]);
	});
});
