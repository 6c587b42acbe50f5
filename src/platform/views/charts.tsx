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

const ROW = 22;
const GANTT_LABEL = 260;

/** A Gantt chart: one bar a row over a sequence of periods (e.g. quarters), labels left. */
export function GanttChart({
  id,
  title,
  description,
  periods,
  rows,
}: {
  id: string;
  title: string;
  description: string;
  periods: string[];
  rows: { label: string; start: number; end: number; muted?: boolean }[];
}) {
  const width = 960;
  const column = (width - GANTT_LABEL) / Math.max(1, periods.length);
  const height = 40 + rows.length * ROW;
  return (
    <svg class="chart chart--wide" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {periods.map((p, i) => (
        <g key={p}>
          {p.split(' ').map((part, line) => (
            <text key={part} x={GANTT_LABEL + i * column + column / 2} y={14 + line * 14} text-anchor="middle" class="chart__label chart__label--small">
              {part}
            </text>
          ))}
          <line x1={GANTT_LABEL + i * column} y1={34} x2={GANTT_LABEL + i * column} y2={height} class="chart__grid" />
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={`${r.label}-${i}`}>
          <text x={GANTT_LABEL - 8} y={40 + i * ROW + ROW / 2} text-anchor="end" dominant-baseline="middle" class="chart__label chart__label--small">
            {r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label}
          </text>
          <rect
            x={GANTT_LABEL + r.start * column + 2}
            y={40 + i * ROW + 3}
            width={(r.end - r.start + 1) * column - 4}
            height={ROW - 6}
            class={r.muted ? 'chart__bar chart__bar--muted' : 'chart__bar'}
          />
        </g>
      ))}
    </svg>
  );
}
