/** Seeded PRNG (sfc32): the solver never calls Math.random, so a seed reproduces a run. */
export interface Random {
	/** float in [0, 1) */
	next(): number;
	/** integer in [0, n) */
	int(n: number): number;
}

export function createRandom(seed: number): Random {
	let a = 0x9e3779b9;
	let b = 0x243f6a88;
	let c = 0xb7e15162;
	let d = seed >>> 0;
	const step = () => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		let t = (a + b) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		d = (d + 1) | 0;
		t = (t + d) | 0;
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	for (let i = 0; i < 15; i++) step();
	return { next: step, int: (n) => Math.floor(step() * n) };
}
