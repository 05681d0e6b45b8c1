import { FunnelChart } from 'echarts/charts'
import { TitleComponent } from 'echarts/components'
import { init, use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import type { Funnel } from '../../../platform-mock/src/sandbox/funnel'
import { yuan } from './captions'
import { FUNNEL_STAGES } from './exports'

const WIDTH = 960
const HEIGHT = 600

/**
 * The presenter's funnel drawn as a picture for slides and reports: ECharts' funnel on a canvas,
 * loaded only when a trainer asks for it (this module is imported on demand: ECharts is big), with the world and the China time in its title.
 */
export async function funnelPng(f: Funnel, meta: { world: string; chinaTime: string }): Promise<Blob> {
  use([FunnelChart, TitleComponent, CanvasRenderer])
  const host = document.createElement('div')
  host.style.cssText = `position:fixed;left:-10000px;top:0;width:${WIDTH}px;height:${HEIGHT}px`
  document.body.append(host)
  const chart = init(host, null, { renderer: 'canvas', width: WIDTH, height: HEIGHT })
  try {
    const top = Math.max(1, f.reached)
    chart.setOption({
      animation: false,
      backgroundColor: '#1f2226',
      title: {
        text: `Funnel · ${meta.world}`,
        subtext: `${meta.chinaTime} China time · people, each stage part of the one before · orders ${f.orders} · sales ${yuan(f.revenue)} · shares ${f.shares}`,
        left: 'center',
        top: 20,
        itemGap: 12,
        textStyle: { color: '#e8e8e8', fontSize: 24, fontWeight: 600 },
        subtextStyle: { color: '#8a9099', fontSize: 14 },
      },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          min: 0,
          max: top,
          minSize: '4%',
          left: '6%',
          width: '58%',
          top: 120,
          bottom: 40,
          gap: 6,
          // beside the funnel, not inside it: a stage of 0 people is only a sliver
          label: {
            show: true,
            position: 'right',
            color: '#e8e8e8',
            fontSize: 18,
            formatter: (p: { name: string; value: number; dataIndex: number }) => {
              const before = p.dataIndex > 0 ? f[FUNNEL_STAGES[p.dataIndex - 1]![0]] : 0
              const rate = p.dataIndex > 0 && before ? ` (${Math.round((p.value / before) * 100)}%)` : ''
              return `${p.name}: ${p.value}${rate}`
            },
          },
          labelLine: { show: true, length: 24, lineStyle: { color: '#5a6168' } },
          itemStyle: { borderWidth: 0 },
          data: FUNNEL_STAGES.map(([key, label], i) => ({ name: label, value: f[key], itemStyle: { color: ['#07c160', '#10aeff', '#6467f0', '#fa9d3b'][i] } })),
        },
      ],
    })
    const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#1f2226' })
    // a data URL to bytes here, not through fetch: the page's CSP need not allow data: reads
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0))
    return new Blob([bytes], { type: 'image/png' })
  } finally {
    chart.dispose()
    host.remove()
  }
}
