import { Hono } from 'hono'
import { z } from 'zod'
import type { PlatformEnv } from '../shared/env'
import { SandboxError } from '../shared/errors'
import { parseJson } from '../shared/validate'
import { FAULT_KINDS, FAULT_SURFACES, type FaultSurface } from './kinds'
import { addFault, clearFaults, listFaults, removeFault, validateFault } from './rules'

/** What can be injected, surface by surface, with each kind's parameters as JSON Schema. */
export function faultCatalog() {
  return Object.entries(FAULT_SURFACES).map(([surface, description]) => ({
    surface,
    description,
    faults: FAULT_KINDS.filter((k) => k.surface === surface).map((k) => ({
      fault: k.fault,
      summary: k.summary,
      where: k.where,
      params: k.params ? z.toJSONSchema(k.params, { io: 'input' }) : null,
    })),
  }))
}

const surfaceOf = (value: string | undefined): FaultSurface | undefined => {
  if (value === undefined) return undefined
  if (!(value in FAULT_SURFACES)) throw new SandboxError(400, 'invalid', `surface: no surface "${value}" (known: ${Object.keys(FAULT_SURFACES).join(', ')})`)
  return value as FaultSurface
}

/**
 * `/_sandbox/faults`: declarative fault rules. A rule names a surface and a fault from the catalog,
 * optionally narrowed to a route, method, app, person or journey, and limited by `times` or a
 * `probability` drawn from the world's seed. A reset clears them; a snapshot keeps them.
 */
export const faultRoutes = new Hono<PlatformEnv>()
  .get('/faults/catalog', (c) => c.json({ surfaces: faultCatalog() }))
  .get('/faults', async (c) => {
    const surface = surfaceOf(c.req.query('surface'))
    const faults = await listFaults(c.var.platform)
    return c.json({ faults: surface ? faults.filter((f) => f.surface === surface) : faults })
  })
  .post('/faults', async (c) => {
    let body: unknown
    try {
      const text = await c.req.text()
      body = text === '' ? {} : parseJson(text)
    } catch {
      throw new SandboxError(400, 'bad_json', 'the body is not valid JSON')
    }
    // several rules at once are validated all before the first is stored
    if (Array.isArray(body)) {
      if (body.length === 0 || body.length > 100) throw new SandboxError(400, 'invalid', 'body: between 1 and 100 rules')
      body.forEach((rule, i) => {
        try {
          validateFault(rule)
        } catch (err) {
          if (err instanceof SandboxError) throw new SandboxError(400, 'invalid', `${i}.${err.message}`)
          throw err
        }
      })
      const added = []
      for (const rule of body) added.push(await addFault(c.var.platform, rule))
      return c.json({ faults: added }, 201)
    }
    return c.json(await addFault(c.var.platform, body), 201)
  })
  .delete('/faults/:id', async (c) => {
    const id = Number(c.req.param('id'))
    if (!Number.isInteger(id) || !(await removeFault(c.var.platform, id))) throw new SandboxError(404, 'not_found', `no fault rule ${c.req.param('id')}`)
    return c.body(null, 204)
  })
  .delete('/faults', async (c) => {
    await clearFaults(c.var.platform, surfaceOf(c.req.query('surface')))
    return c.body(null, 204)
  })
