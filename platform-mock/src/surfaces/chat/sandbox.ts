import { Hono } from 'hono'
import { z } from 'zod'
import { SandboxError } from '../../shared/errors'
import type { PlatformEnv } from '../../shared/env'
import { sandboxJson } from '../../shared/validate'
import { getPerson } from '../../world/people'
import { conversationsOf, markRead, messagesOf, sendMessage } from './conversations'
import { SendMessage } from './wire'

async function person(c: { var: PlatformEnv['Variables'] }, id: string) {
  const p = await getPerson(c.var.db, id)
  if (!p) throw new SandboxError(404, 'not_found', `no person ${id}`)
  return p
}

/** The chat side of a person's phone: `/_sandbox/people/:id/conversations…` and `/messages`. */
export const chatSandbox = new Hono<PlatformEnv>()
  .get('/people/:id/conversations', async (c) => {
    const p = await person(c, c.req.param('id'))
    return c.json({ conversations: await conversationsOf(c.var.db, p.id) })
  })
  .get('/people/:id/conversations/:conversation/messages', async (c) => {
    const p = await person(c, c.req.param('id'))
    return c.json({ messages: await messagesOf(c.var.db, p.id, c.req.param('conversation')) })
  })
  .post('/people/:id/conversations/:conversation/read', sandboxJson(z.object({ seq: z.number().int().min(0) })), async (c) => {
    const p = await person(c, c.req.param('id'))
    const conversation = c.req.param('conversation')
    await messagesOf(c.var.db, p.id, conversation, 1) // membership check
    await markRead(c.var.db, p.id, conversation, c.req.valid('json').seq)
    return c.body(null, 204)
  })
  .post('/people/:id/messages', sandboxJson(SendMessage), async (c) => {
    const p = await person(c, c.req.param('id'))
    return c.json(await sendMessage(c.var.platform, p.id, c.req.valid('json')), 201)
  })
