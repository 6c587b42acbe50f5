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

const COLUMN = 44;
const COLUMN_GAP = 16;
const AXIS = 40;
const TALL = 180;

/**
 * Columns along a time axis (e.g. planned go-lives per quarter), oldest left; empty periods keep
 * their place so that the spacing reads as time.
 */
export function TimelineChart({
  id,
  title,
  description,
  columns,
}: {
  id: string;
  title: string;
  description: string;
  columns: { label: string; value: number }[];
}) {
  const max = Math.max(1, ...columns.map((c) => c.value));
  const width = Math.max(WIDTH, columns.length * (COLUMN + COLUMN_GAP) + COLUMN_GAP);
  const height = TALL + AXIS + 24;
  return (
    <svg class="chart chart--wide" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <line x1={0} y1={TALL + 24} x2={width} y2={TALL + 24} class="chart__axis" />
      {columns.map((c, i) => {
        const x = COLUMN_GAP + i * (COLUMN + COLUMN_GAP);
        const h = (c.value / max) * TALL;
        return (
          <g key={c.label}>
            <rect x={x} y={TALL + 24 - h} width={COLUMN} height={h} class="chart__bar" />
            <text x={x + COLUMN / 2} y={TALL + 24 - h - 6} text-anchor="middle" class="chart__value">
              {c.value}
            </text>
            {c.label.split(' ').map((part, line) => (
              <text key={part} x={x + COLUMN / 2} y={TALL + 24 + 18 + line * 16} text-anchor="middle" class="chart__label chart__label--small">
                {part}
              </text>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
