import { parentPort } from 'node:worker_threads'
import { runShard, type ShardSpec } from './engine'
import { compact } from './lab'

/** A lab worker thread: runs the shards it is sent, one at a time, each in a sandbox of its own. */
parentPort!.on('message', async (spec: ShardSpec) => {
  try {
    const output = await runShard(spec, (day) => parentPort!.postMessage({ day }))
    parentPort!.postMessage({ output: compact(output) })
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) })
  }
})
