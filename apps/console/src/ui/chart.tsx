import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';
/** A Chart.js chart on a canvas, with a text alternative. */
export function ChartCanvas(props: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...props.config,
      options: { responsive: true, maintainAspectRatio: false, ...props.config.options },
    });
    return () => chart.destroy();
  }, [props.config]);
  return (
    <div className="chart" style={{ height: props.height ?? 240 }}>
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}

/** A half-circle gauge: used ÷ capacity, with the headroom shown (negative headroom in red). */
export function Gauge(props: { label: string; used: bigint; capacity: bigint; caption: ReactNode }) {
  const { t } = useTranslation();
  const ratio = props.capacity > 0n ? Number((props.used * 1000n) / props.capacity) / 1000 : 1;
  const clamped = Math.max(0, Math.min(1, ratio));
  const angle = Math.PI * (1 - clamped);
  const x = 100 + 80 * Math.cos(angle);
  const y = 100 - 80 * Math.sin(angle);
  const over = ratio > 1;
  return (
    <figure className="gauge">
      <svg
        viewBox="0 0 200 115"
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(ratio * 100)}
      >
        <path d="M20 100 A80 80 0 0 1 180 100" className="gauge-track" />
        {clamped > 0 ? (
          <path
            d={`M20 100 A80 80 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`}
            className={over ? 'gauge-fill over' : 'gauge-fill'}
          />
        ) : null}
        <text x="100" y="95" textAnchor="middle" className="gauge-text">
          {t('chart.used', { percent: Math.round(ratio * 100) })}
        </text>
      </svg>
      <figcaption>{props.caption}</figcaption>
    </figure>
  );
}
