import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GaugeChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts instance for the life of the panel: new figures go in with setOption (merged, no
 * new instance, no animation pile-up), the size follows the panel through one ResizeObserver,
 * and the instance is disposed when the panel goes. `data-ready` tells a test or the benchmark
 * that the chart has drawn real data.
 */
export function Chart({ option, id }: { option: ChartOption | null; id: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c || !option) return;
    c.setOption(option, { lazyUpdate: false });
    el.current?.setAttribute('data-ready', 'yes');
  }, [option]);
  return <div ref={el} id={id} data-chart={id} style={{ width: '100%', height: '100%' }} />;
}
