import { availableParallelism } from 'node:os'
import { CAFE_KIT, loadBrandKit } from '../../merchant-demo/src/brand'
import { runLab } from '../../scenarios/lab/lab'
import { DEFAULT_STRATEGY } from '../../scenarios/lab/strategy'

/**
 * The strategy lab in `npm run bench`: the default strategy for 30 days over populations of
 * growing size (each a whole run: seeding, every shard's days on every core, the figures), and
 * 10 000 people on one thread beside the same on every core. Reported: wall time, people/s, the
 * growth against the smallest population, and the largest heap any shard's thread used.
 */
export interface LabBench {
  people: number
  workers: number
  shards: number
  ms: number
  peoplePerSecond: number
  /** the largest JavaScript heap a shard's thread held at the end of its days, MB */
  maxShardHeapMb: number
}

export async function benchLab(sizes: number[], days = 30): Promise<LabBench[]> {
  const kit = loadBrandKit(CAFE_KIT)
  const cores = availableParallelism()
  const runs: { people: number; workers: number }[] = [...sizes.map((people) => ({ people, workers: cores })), ...(sizes.includes(10_000) ? [{ people: 10_000, workers: 1 }] : [])]
  const out: LabBench[] = []
  for (const { people, workers } of runs) {
    let heap = 0
    const r = await runLab({ kit, people, days, seed: 1, a: DEFAULT_STRATEGY, workers, onShard: (s) => (heap = Math.max(heap, s.heapMb)) })
    out.push({ people, workers: r.workers, shards: r.shards, ms: r.ms, peoplePerSecond: people / (r.ms / 1000), maxShardHeapMb: heap })
  }
  return out
}
