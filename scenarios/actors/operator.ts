import type { Checkout, Funnel, Order, SandboxEvent } from './types'
import { Wire } from './wire'

/** The sandbox's virtual clock, as the operator drives it. */
export class Clock {
  constructor(private readonly control: Wire) {}

  async now(): Promise<string> {
    return (await this.control.get('/clock')).now
  }

  /** Jumps ahead ('15s', '1h', '3d'); everything due on the way runs, in order. */
  async advance(by: string): Promise<{ fired: unknown[] }> {
    return this.control.post('/clock/advance', { by })
  }

  async freeze(at?: string) {
    return this.control.post('/clock/freeze', at ? { at } : {})
  }
}

/** The event log, read the way the presenter view and assertions read it. */
export class EventLog {
  constructor(private readonly control: Wire) {}

  async all(filter: { type?: string; surface?: string; actor?: string; journey?: string; channel?: string } = {}): Promise<SandboxEvent[]> {
    const query = new URLSearchParams({ ...filter, limit: '1000' })
    return (await this.control.get(`/events?${query}`)).events
  }

  /** Events of one type, optionally only those about an order (by its out_trade_no). */
  async of(type: string, about?: Order | Checkout): Promise<SandboxEvent[]> {
    const events = await this.all({ type })
    if (!about) return events
    const id = 'order' in about ? about.order.id : about.id
    return events.filter((e) => JSON.stringify(e).includes(id))
  }
}

/** A fault rule as the scenario asks for it: the control API's rule (platform-mock/FAULTS.md). */
export interface FaultRuleRequest {
  surface: string
  fault: string
  params?: Record<string, unknown>
  route?: string
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  app?: string
  person?: string
  /** the platform journey (X-Sandbox-Journey) it is limited to; see Faults.add */
  journey?: string
  times?: number
  probability?: number
}

/** A stored rule, as the control API shows it. */
export interface FaultRule extends Omit<FaultRuleRequest, 'times'> {
  id: number
  remaining: number | null
  fired: number
}

/**
 * The journey's fault rules, through the control API's /_sandbox/faults. Every rule the journey adds
 * is its own: `clear()` removes only those, and the runner removes whatever is left when the journey
 * ends, so a journey played in a sandbox that outlives it (classroom mode) leaves no fault behind.
 */
export class Faults {
  private readonly mine = new Set<number>()

  constructor(private readonly control: Wire) {}

  /** Switches one rule on, or several (validated together: a bad one stores none). */
  async add(rule: FaultRuleRequest): Promise<FaultRule>
  async add(rules: FaultRuleRequest[]): Promise<FaultRule[]>
  async add(rules: FaultRuleRequest | FaultRuleRequest[]): Promise<FaultRule | FaultRule[]> {
    const answer = await this.control.post('/faults', rules)
    const added: FaultRule[] = Array.isArray(rules) ? answer.faults : [answer]
    for (const r of added) this.mine.add(r.id)
    return Array.isArray(rules) ? added : added[0]!
  }

  /** Switches one of the journey's rules off. */
  async remove(rule: FaultRule | number) {
    const id = typeof rule === 'number' ? rule : rule.id
    await this.control.raw('DELETE', `/faults/${id}`)
    this.mine.delete(id)
  }

  /** Switches off every rule the journey added. */
  async clear() {
    for (const id of [...this.mine]) await this.remove(id)
  }

  /** The rules in force (the journey's and any other), with how often each fired. */
  async list(): Promise<FaultRule[]> {
    return (await this.control.get('/faults')).faults
  }
}

export interface NotificationAttempt {
  n: number
  status: number | null
  outcome: string
  trigger: string
}

/** The sandbox operator: the clock, fault rules, the network between WeChat and the store. */
export class Operator {
  readonly clock: Clock
  readonly events: EventLog
  private mchid: string | null = null

  constructor(
    private readonly control: Wire,
    private readonly storeLink: { down(): Promise<void>; up(): Promise<void> },
  ) {
    this.clock = new Clock(control)
    this.events = new EventLog(control)
  }

  /** The store's server goes down: WeChat Pay's notifications find nobody listening. */
  async takesStoreOffline() {
    await this.storeLink.down()
  }

  /** The store's server is back, with its database as it was. */
  async bringsStoreBack() {
    await this.storeLink.up()
  }

  /** The next `times` matching WeChat Pay API calls from the merchant fail with `code`. */
  async failsPayApi(code: 'SYSTEM_ERROR' | 'FREQUENCY_LIMITED', opts: { path?: string; method?: string; times?: number } = {}) {
    return this.control.post('/pay/faults', { code, ...opts })
  }

  async clearsFaults() {
    await this.control.call('DELETE', '/pay/faults')
  }

  /**
   * The consultant taps Send on a mass-message task in the WeCom client (add_msg_template only
   * creates the task; WeCom has no API for the confirmation, so the sandbox's control API stands in).
   */
  async consultantSends(task: { msgid: string }) {
    return this.control.post(`/wecom/msg-templates/${task.msgid}/confirm`, {})
  }

  /** Sets a person's 零钱 balance (fen) in their wallet. */
  async setsBalance(person: { id: string }, balance: number) {
    await this.control.call('PATCH', `/pay/people/${person.id}/wallet`, { balance })
  }

  /** The loop in numbers, as the presenter's funnel shows it: journeys, buyers, sales per entry channel. */
  async funnel(): Promise<Funnel> {
    return this.control.get('/funnel')
  }

  /** WeChat Pay's record of an order: its state and every notification with its attempts. */
  async payRecord(order: Order | Checkout): Promise<{ tradeState: string; notifications: { eventType?: string; status?: string; attempts: NotificationAttempt[] }[] }> {
    this.mchid ??= (await this.control.get('/credentials')).pay.mchid
    return this.control.get(`/pay/merchants/${this.mchid}/orders/${'order' in order ? order.order.id : order.id}`)
  }
}
