import type { ChartOption } from './Chart.tsx';
import type { Named, TrendDay, TrendMonth } from './model.ts';

/** ECharts options of the wall's panels, sized by the wall scale (1 at 1080p, 2 at 4K). */

const TEXT = '#cfe3ff';
const AXIS = '#2a4a7a';
export const PALETTE = [
  '#3ba0ff',
  '#36cbcb',
  '#4ecb73',
  '#fad337',
  '#f2637b',
  '#975fe4',
  '#ff9845',
];

const axisStyle = (s: number) => ({
  axisLabel: { color: TEXT, fontSize: 11 * s },
  axisLine: { lineStyle: { color: AXIS } },
  splitLine: { lineStyle: { color: AXIS, opacity: 0.4 } },
});

export function rankBars(items: readonly Named[], s: number, colour: string): ChartOption {
  const rows = [...items].reverse();
  return {
    animation: false,
    grid: { left: 8 * s, right: 36 * s, top: 4 * s, bottom: 4 * s, containLabel: true },
    tooltip: { trigger: 'axis', textStyle: { fontSize: 12 * s } },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle(s) },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      ...axisStyle(s),
      axisLabel: {
        color: TEXT,
        fontSize: 11 * s,
        width: 110 * s,
        overflow: 'truncate',
        interval: 0,
      },
    },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.count),
        itemStyle: { color: colour, borderRadius: 2 * s },
        barMaxWidth: 14 * s,
        label: { show: true, position: 'right', color: TEXT, fontSize: 11 * s },
      },
    ],
  };
}

export function statusPie(items: readonly Named[], s: number): ChartOption {
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: 'item', textStyle: { fontSize: 12 * s } },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      textStyle: { color: TEXT, fontSize: 11 * s },
      itemWidth: 10 * s,
      itemHeight: 10 * s,
    },
    series: [
      {
        type: 'pie',
        radius: ['45%', '75%'],
        center: ['32%', '50%'],
        label: { show: false },
        data: items.map((i) => ({ name: i.name, value: i.count })),
      },
    ],
  };
}

export function dailyTrend(
  days: readonly TrendDay[],
  s: number,
  labels: [string, string],
): ChartOption {
  return {
    animation: false,
    color: ['#3ba0ff', '#4ecb73'],
    grid: { left: 8 * s, right: 12 * s, top: 28 * s, bottom: 4 * s, containLabel: true },
    tooltip: { trigger: 'axis', textStyle: { fontSize: 12 * s } },
    legend: { top: 0, textStyle: { color: TEXT, fontSize: 11 * s } },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), ...axisStyle(s) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(s) },
    series: [
      {
        name: labels[0],
        type: 'line',
        smooth: false,
        showSymbol: false,
        data: days.map((d) => d.new),
      },
      {
        name: labels[1],
        type: 'line',
        smooth: false,
        showSymbol: false,
        data: days.map((d) => d.closed),
      },
    ],
  };
}

export function monthlyBars(
  months: readonly TrendMonth[],
  s: number,
  labels: [string, string],
): ChartOption {
  return {
    animation: false,
    color: ['#3ba0ff', '#4ecb73'],
    grid: { left: 8 * s, right: 12 * s, top: 28 * s, bottom: 4 * s, containLabel: true },
    tooltip: { trigger: 'axis', textStyle: { fontSize: 12 * s } },
    legend: { top: 0, textStyle: { color: TEXT, fontSize: 11 * s } },
    xAxis: { type: 'category', data: months.map((m) => m.month.slice(2)), ...axisStyle(s) },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle(s) },
    series: [
      { name: labels[0], type: 'bar', data: months.map((m) => m.new), barMaxWidth: 10 * s },
      { name: labels[1], type: 'bar', data: months.map((m) => m.closed), barMaxWidth: 10 * s },
    ],
  };
}

export function liveLine(
  points: readonly { at: number; open: number; overdue: number }[],
  s: number,
  labels: [string, string],
): ChartOption {
  return {
    animation: false,
    color: ['#36cbcb', '#f2637b'],
    grid: { left: 8 * s, right: 12 * s, top: 28 * s, bottom: 4 * s, containLabel: true },
    tooltip: { trigger: 'axis', textStyle: { fontSize: 12 * s } },
    legend: { top: 0, textStyle: { color: TEXT, fontSize: 11 * s } },
    xAxis: { type: 'time', ...axisStyle(s), splitLine: { show: false } },
    yAxis: { type: 'value', minInterval: 1, scale: true, ...axisStyle(s) },
    series: [
      {
        name: labels[0],
        type: 'line',
        step: 'end',
        showSymbol: false,
        data: points.map((p) => [p.at, p.open]),
      },
      {
        name: labels[1],
        type: 'line',
        step: 'end',
        showSymbol: false,
        data: points.map((p) => [p.at, p.overdue]),
      },
    ],
  };
}

export function rateGauges(
  rates: readonly { name: string; percent: number | null }[],
  s: number,
): ChartOption {
  const n = Math.max(1, rates.length);
  return {
    animation: false,
    series: rates.map((r, i) => ({
      type: 'gauge',
      center: [`${((i + 0.5) / n) * 100}%`, '58%'],
      radius: '80%',
      startAngle: 210,
      endAngle: -30,
      min: 0,
      max: 100,
      progress: { show: true, width: 8 * s, itemStyle: { color: PALETTE[i % PALETTE.length] } },
      axisLine: { lineStyle: { width: 8 * s, color: [[1, AXIS]] } },
      axisTick: { show: false },
      splitLine: { show: false },
      axisLabel: { show: false },
      pointer: { show: false },
      title: { offsetCenter: [0, '70%'], color: TEXT, fontSize: 11 * s },
      detail: {
        offsetCenter: [0, '5%'],
        color: '#fff',
        fontSize: 18 * s,
        formatter: r.percent === null ? '—' : '{value}%',
      },
      data: [{ name: r.name, value: r.percent === null ? 0 : Number(r.percent.toFixed(1)) }],
    })),
  };
}
