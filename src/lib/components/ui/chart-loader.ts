/**
 * Chart.js is loaded only by pages that draw a chart (dynamic import), with just the pieces the
 * portal uses, so other pages stay light on weak mobile networks.
 */
export async function loadChart() {
	const c = await import('chart.js');
	c.Chart.register(
		c.BarController,
		c.BarElement,
		c.LineController,
		c.LineElement,
		c.PointElement,
		c.ScatterController,
		c.CategoryScale,
		c.LinearScale,
		c.Legend,
		c.Tooltip,
		c.Filler
	);
	return c.Chart;
}
