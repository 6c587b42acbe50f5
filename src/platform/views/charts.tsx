// A horizontal bar chart as server-rendered SVG: readable without JavaScript, one image with a title
// and a description for screen readers; the numbers are always also in a table next to it.
const BAR = 28;
const GAP = 10;
const LABEL = 190;
const WIDTH = 640;

export function BarChart({ id, title, description, bars }: { id: string; title: string; description: string; bars: { label: string; value: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * (BAR + GAP);
  const scale = (WIDTH - LABEL - 60) / max;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((b, i) => {
        const y = i * (BAR + GAP);
        return (
          <g key={b.label}>
            <text x={LABEL - 8} y={y + BAR / 2} text-anchor="end" dominant-baseline="middle" class="chart__label">
              {b.label}
            </text>
            <rect x={LABEL} y={y} width={Math.max(b.value * scale, b.value > 0 ? 2 : 0)} height={BAR} class="chart__bar" />
            <text x={LABEL + b.value * scale + 6} y={y + BAR / 2} dominant-baseline="middle" class="chart__value">
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
