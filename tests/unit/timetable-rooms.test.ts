import { describe, expect, it } from 'vitest';
import { allocateRooms, type RoomCell } from '../../src/lib/timetable/rooms';

const cell = (day: number, period: number, className: string, subjectId: number): RoomCell => ({
	day,
	period,
	classId: Number(className.replace(/\D/g, '')) * 10 + className.length,
	className,
	subjectId,
	subjectName: `S${subjectId}`
});

describe('rooms in the published timetable', () => {
	const rooms = [
		{ id: 2, name: 'Phòng máy 2', type: 'computer' as const },
		{ id: 1, name: 'Phòng máy 1', type: 'computer' as const },
		{ id: 3, name: 'Nhà đa năng', type: 'gym' as const }
	];
	const needs = new Map([
		[7, 'computer' as const],
		[8, 'gym' as const]
	]);

	it('gives the classes of a slot the rooms of the type, both in name order', () => {
		const { uses, shortages } = allocateRooms(
			[cell(0, 1, '6B', 7), cell(0, 1, '6A', 7), cell(0, 1, '6C', 1), cell(2, 0, '7A', 8)],
			rooms,
			needs
		);
		expect(uses.map((u) => `${u.className}@${u.roomId}`).sort()).toEqual(['6A@1', '6B@2', '7A@3']);
		expect(shortages).toEqual([]);
	});

	it('names the classes left without a room, and a type the school has no room of', () => {
		const { uses, shortages } = allocateRooms(
			[cell(1, 2, '6A', 8), cell(1, 2, '6B', 8), cell(0, 0, '9A', 9)],
			rooms,
			new Map([...needs, [9, 'lab' as const]])
		);
		expect(uses).toHaveLength(1);
		expect(shortages).toEqual([
			{ day: 0, period: 0, type: 'lab', classNames: ['9A'] },
			{ day: 1, period: 2, type: 'gym', classNames: ['6B'] }
		]);
	});

	it('leaves out lessons of subjects that need no room', () => {
		expect(allocateRooms([cell(0, 0, '6A', 1)], rooms, needs)).toEqual({ uses: [], shortages: [] });
	});
});
