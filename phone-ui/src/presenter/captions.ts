import type { SandboxEvent, WorldView } from '../api'

/** The entry channels as a trainer says them (the platform's vocabulary → words). */
export const CHANNEL_LABELS: Record<string, string> = {
  qr: 'QR code',
  chat: 'Chat share',
  group: 'Group share',
  'official-account': 'Official Account',
  channels: 'Channels',
  search: 'Search',
  'subscribe-message': 'Subscription message',
  pay: 'WeChat Pay',
  wecom: 'WeCom',
  link: 'Link',
  'mini-program': 'Other mini program',
  app: 'App',
  ads: 'Ads',
  moments: 'Moments',
  'customer-service': 'Customer service',
  direct: 'Direct',
  other: 'Other',
}

export const channelLabel = (channel: string) => CHANNEL_LABELS[channel] ?? channel

/** A colour per surface, for the timeline's dots and filter chips. */
export const SURFACE_COLOURS: Record<string, string> = {
  sandbox: '#8a9099',
  miniprogram: '#6467f0',
  pay: '#07c160',
  chat: '#10aeff',
  qr: '#fa9d3b',
  'official-account': '#2f7ff0',
  cards: '#e64340',
  wecom: '#3b7cff',
  channels: '#fa5151',
  api: '#2f7ff0',
  'pay-notify': '#07c160',
  'pay-keys': '#07c160',
  'oa-push': '#2f7ff0',
  'wecom-push': '#3b7cff',
}

/** The surfaces as a trainer says them, for the timeline's filter. */
export const SURFACE_LABELS: Record<string, string> = {
  sandbox: 'Sandbox',
  miniprogram: 'Mini program',
  pay: 'WeChat Pay',
  chat: 'Chats',
  qr: 'Scans',
  'official-account': 'Official Account',
  cards: 'Cards & Offers',
  wecom: 'WeCom',
  channels: 'Channels',
  api: 'WeChat server APIs',
  'pay-notify': 'WeChat Pay notifications',
  'pay-keys': 'WeChat Pay signatures',
  'oa-push': 'Official Account pushes',
  'wecom-push': 'WeCom callbacks',
}

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/** What a caption knows about the world: names of people, the brand and its things. */
export interface CaptionContext {
  /** a person's name (their id when unknown) */
  name: (id: string) => string
  /** the brand's name, as the world kit gives it */
  brand: string
  /** the mini program's name */
  miniProgram?: string
  /** a WeCom consultant's name by userid */
  consultant?: (userid: string) => string | undefined
  /** a subscription message template's title by template id */
  template?: (id: string) => string | undefined
  /** a WeCom customer tag's name by id */
  tag?: (id: string) => string | undefined
  /** a card's (coupon, membership) title by card_id */
  card?: (id: string) => string | undefined
  /** the person who pays an order, by out_trade_no */
  payer?: (outTradeNo: string) => string | undefined
}

const plainContext = (name: (id: string) => string = (id) => id): CaptionContext => ({ name, brand: 'The brand' })

/**
 * Platform bookkeeping: what a brand's server sets up (drafts, codes, menus, tags, verified
 * callback URLs), sign-ins and retries' first halves. True, but nothing a trainer reads out: the
 * timeline folds runs of them into one "setup steps" line.
 */
const SETUP: Record<string, string> = {
  'oa.draft.added': 'an article draft',
  'oa.menu.created': 'the Official Account menu',
  'oa.menu.deleted': 'the Official Account menu',
  'oa.qrcode.created': 'a follow code',
  'oa.server.verified': 'the Official Account server',
  'oa.server.disabled': 'the Official Account server',
  'oa.push.attempted': 'a message to the server',
  'miniprogram.pages.published': 'the store’s pages',
  'miniprogram.code.created': 'a mini program code',
  'miniprogram.link.created': 'a mini program link',
  'miniprogram.session.created': 'a sign-in',
  'wecom.corp_tag.created': 'WeCom customer tags',
  'wecom.contact_way.created': 'a consultant’s code',
  'wecom.callback.verified': 'the WeCom server',
  'wecom.callback.disabled': 'the WeCom server',
  'channels.account.updated': 'the Channels profile',
  'cards.card.created': 'a card',
  'pay.merchant.updated': 'the pay merchant',
  'person.created': 'a person',
  'friendship.created': 'a friendship',
}

/** Whether an event is platform bookkeeping, folded away in the timeline. */
export const isSetup = (e: SandboxEvent) => e.type in SETUP || /\.(token|ticket)\./.test(e.type)

/** What a run of setup steps made, in a few words: `2 mini program codes, a sign-in`. */
export function setupSummary(events: SandboxEvent[]) {
  const counts = new Map<string, number>()
  for (const e of events) {
    const what = SETUP[e.type] ?? humanType(e.type).toLowerCase()
    counts.set(what, (counts.get(what) ?? 0) + 1)
  }
  return [...counts].map(([what, n]) => (n > 1 && what.startsWith('a ') ? `${n} ${what.slice(2)}s` : what)).join(', ')
}

/** A timeline line: an event with the setup steps that followed it, or setup steps alone. */
export interface TimelineItem {
  /** the event the line reads, null for setup steps with nothing before them */
  event: SandboxEvent | null
  /** the bookkeeping that came right after it, newest first */
  setup: SandboxEvent[]
}

/**
 * The timeline's lines, newest first: each event carries the run of setup steps that followed it
 * (a launch its sign-in, a notice the server's receipt), folded into a `· 2 setup steps` on its line.
 */
export function fold(events: SandboxEvent[]): TimelineItem[] {
  const items: TimelineItem[] = []
  let pending: SandboxEvent[] = []
  for (const e of events) {
    if (isSetup(e)) pending.push(e)
    else {
      items.push({ event: e, setup: pending })
      pending = []
    }
  }
  if (pending.length) items.push({ event: null, setup: pending })
  return items
}

/**
 * The names a caption needs that only the events carry: customer tags, cards and templates
 * (by the ids the brand made them with), and who pays each order. Combined with the world view
 * (the brand and its consultants) and the people.
 */
export function contextOf(events: SandboxEvent[], world: WorldView | null, people: Map<string, string>, templates = new Map<string, string>()): CaptionContext {
  const tags = new Map<string, string>()
  const cards = new Map<string, string>()
  const payers = new Map<string, string>()
  const titles = new Map(templates)
  for (const e of events) {
    if (e.type === 'wecom.corp_tag.created' && Array.isArray(e.payload.tags)) for (const t of e.payload.tags as { id?: string; name?: string }[]) if (t.id && t.name) tags.set(t.id, t.name)
    if (e.type === 'cards.card.created' && e.subject.card_id) cards.set(e.subject.card_id, str(e.payload.title))
    if (e.type === 'miniprogram.subscribe-message.sent' && e.subject.template && !titles.has(e.subject.template)) titles.set(e.subject.template, str(e.payload.titleEn) || str(e.payload.title))
    if (e.surface === 'pay' && e.subject.out_trade_no && e.subject.person) payers.set(e.subject.out_trade_no, e.subject.person)
  }
  const consultants = new Map((world?.wecom.consultants ?? []).map((c) => [c.userid, c.name]))
  return {
    name: (id) => people.get(id) ?? id,
    brand: world?.brand.name ?? 'The brand',
    miniProgram: world?.miniProgram.name,
    consultant: (id) => consultants.get(id),
    template: (id) => titles.get(id),
    tag: (id) => tags.get(id),
    card: (id) => cards.get(id) || undefined,
    payer: (id) => payers.get(id),
  }
}

/** `Lumen Coffee's`, `Stride Athletics'`. */
const own = (name: string) => (/s$/i.test(name) ? `${name}'` : `${name}'s`)
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
const quoted = (s: string) => `“${s}”`
const list = (items: string[]) => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`)

const PAY_REASONS: Record<string, string> = {
  wrong_password: 'wrong payment password',
  insufficient_balance: 'not enough balance',
  card_declined: 'the bank card was declined',
  expired: 'the order had expired',
  closed: 'the order was closed',
}

const PAY_NEWS: Record<string, string> = {
  'TRANSACTION.SUCCESS': 'the order is paid',
  'REFUND.SUCCESS': 'the refund went through',
  'REFUND.ABNORMAL': 'the refund could not be paid out',
  'REFUND.CLOSED': 'the refund was closed',
}

const OA_NEWS: Record<string, string> = {
  subscribe: 'followed the Official Account',
  unsubscribe: 'unfollowed the Official Account',
  SCAN: 'scanned a follow code',
  CLICK: 'tapped a menu button',
  VIEW: 'opened a menu link',
  text: 'wrote a message',
  image: 'sent a photo',
  TEMPLATESENDJOBFINISH: 'received its notice',
  subscribe_msg_popup_event: 'answered a subscription request',
}

const WECOM_NEWS: Record<string, string> = {
  add_external_contact: 'a customer added a consultant',
  del_external_contact: 'a consultant removed a customer',
  del_follow_user: 'a customer removed a consultant',
  edit_external_contact: 'a customer’s details changed',
  kf_msg_or_event: 'a customer-service message arrived',
}

/** The order's contents as the brand wrote them, without the brand's name in front. */
function items(description: unknown, brand: string) {
  const d = str(description).trim()
  for (const sep of [' - ', ' – ', '-', '·']) if (d.startsWith(brand + sep)) return d.slice(brand.length + sep.length).trim()
  return d
}

/**
 * One line a trainer can read aloud for an event: who did what, in plain English, with the detail
 * that matters (where from, how much, yes or no). People and the brand are named as the world
 * names them; events without a phrase of their own read as their type.
 */
export function caption(e: SandboxEvent, context: CaptionContext | ((id: string) => string) = plainContext()): string {
  const ctx = typeof context === 'function' ? plainContext(context) : context
  const p = e.payload
  const { name, brand } = ctx
  const who = name(e.subject.person ?? e.actor)
  const people = (v: unknown) => list((Array.isArray(v) ? v.map(String) : [str(v)]).filter(Boolean).map(name))
  const recipients = () => people(p.recipients ?? e.subject.person)
  const consultant = (userid: string | undefined) => (userid && ctx.consultant?.(userid)) || (userid ? `consultant ${userid}` : 'a consultant')
  const mp = ctx.miniProgram ?? `${own(brand)} mini program`
  switch (e.type) {
    case 'world.seeded':
      return `The world starts fresh${p.seed != null ? ` (seed ${str(p.seed)})` : ''}`
    case 'clock.advanced': {
      const by = Date.parse(str(p.to)) - Date.parse(str(p.from))
      const jump = Number.isFinite(by) && by > 0 ? ` ${duration(by)}` : ''
      const fired = Number(p.fired) || 0
      return `Time jumps ahead${jump} to ${chinaTime(str(p.to), true)}${fired ? ` · ${plural(fired, 'scheduled job')} ran` : ''}`
    }
    case 'clock.frozen':
      return `The world clock stops at ${chinaTime(str(p.at), true)}`
    case 'clock.resumed':
      return `The world clock runs again from ${chinaTime(str(p.at), true)}`
    case 'person.created':
      return `${who} joins the world`
    case 'friendship.created':
      return `${who} and ${name(e.subject.friend ?? '')} became friends`

    case 'qr.scanned': {
      const what =
        p.action === 'open-miniprogram' ? `${own(brand)} mini program code` : p.action === 'add-wecom-contact' ? `a ${brand} consultant's code` : p.action === 'pay' ? 'a payment code' : p.action === 'follow-official-account' ? `${own(brand)} follow code` : 'a code'
      return `${who} scanned ${what}${p.method === 'album' ? ' from a photo' : ''}`
    }
    case 'miniprogram.launched': {
      const scene = p.scene != null ? ` (scene ${str(p.scene)}${p.sceneLabel ? `: ${str(p.sceneLabel)}` : ''})` : ''
      return `${who} opened ${mp}${scene}${chainNote(p.shareChain, name)}`
    }
    case 'miniprogram.session.created':
      return `${who} signed in to ${mp}`
    case 'miniprogram.pages.published':
      return `${mp} published its pages`
    case 'miniprogram.code.created':
      return `${own(brand)} server made a mini program code${p.page ? ` for ${str(p.page)}` : ''}`
    case 'miniprogram.link.created':
      return `${own(brand)} server made a mini program link`
    case 'miniprogram.subscribe.answered': {
      const answers = Object.entries((p.answers ?? {}) as Record<string, string>)
      const title = (id: string) => {
        const t = ctx.template?.(id)
        return t ? `the ${quoted(t)} message` : 'a message'
      }
      const side = (accept: boolean) => {
        const ids = answers.filter(([, a]) => (a === 'accept') === accept).map(([id]) => id)
        const named = ids.map((id) => ctx.template?.(id)).filter((t): t is string => Boolean(t)).map((t) => `the ${quoted(t)} message`)
        const others = ids.length - named.length
        if (!named.length) return others ? (others === 1 ? 'a message' : `${others} messages`) : ''
        return others ? `${named.join(', ')} and ${plural(others, 'other')}` : list(named)
      }
      if (!answers.length) return `${who} answered a subscription request`
      const allowed = side(true)
      const declined = side(false)
      return `${who} ${[allowed && `allowed ${allowed}`, declined && `declined ${declined}`].filter(Boolean).join(' and ')}`
    }
    case 'miniprogram.subscribe-message.sent':
      return `${brand} sent ${recipients()} the ${quoted(str(p.titleEn) || str(p.title))} message`

    case 'pay.order.created': {
      const payer = e.subject.out_trade_no ? ctx.payer?.(e.subject.out_trade_no) : undefined
      const what = items(p.description, brand)
      return `${brand} asked WeChat Pay to charge ${yuan(Number(p.total) || 0)} for ${payer ? `${name(payer)}'s order` : 'an order'}${what ? ` · ${what}` : ''}`
    }
    case 'pay.payment.succeeded': {
      const what = items(p.description, brand)
      const gift = /^gift:\s*(.+)$/i.exec(what)
      return `${who} paid ${yuan(Number(p.total) || 0)} for ${gift ? `a gift, ${quoted(gift[1]!)}` : what || 'an order'}`
    }
    case 'pay.payment.failed':
      return `${who}'s payment failed${p.reason ? `: ${PAY_REASONS[str(p.reason)] ?? str(p.reason).replace(/_/g, ' ')}` : ''}`
    case 'pay.payment.cancelled':
      return `${who} closed the pay sheet without paying`
    case 'pay.notification.attempted': {
      const news = PAY_NEWS[str(p.event_type)] ?? str(p.event_type).toLowerCase().replace(/[._]/g, ' ')
      const n = Number(p.n) || 1
      const outcome =
        p.outcome === 'acknowledged' ? 'acknowledged' : p.outcome === 'timeout' ? 'no answer in time' : p.outcome === 'rejected' ? `refused with ${str(p.status)}` : p.status == null ? 'no answer' : `answered ${str(p.status)}`
      const retry = p.nextAttemptAt ? `, next try at ${chinaTime(str(p.nextAttemptAt))}` : ''
      return `WeChat Pay told ${own(brand)} server ${news} (${ordinal(n)} try, ${outcome}${retry})`
    }
    case 'pay.notification.abandoned':
      return `WeChat Pay gave up telling ${own(brand)} server ${PAY_NEWS[str(p.event_type)] ?? 'the news'} after ${plural(Number(p.attempts) || 0, 'try', 'tries')}`
    case 'pay.refund.created': {
      const to = e.subject.person ? ` ${name(e.subject.person)}` : ''
      return `${brand} refunded${to} ${yuan(Number(p.refund) || 0)} of ${yuan(Number(p.total) || 0)}${p.reason ? ` · ${str(p.reason)}` : ''}`
    }
    case 'pay.refund.success':
      return `${e.subject.person ? `${name(e.subject.person)}'s` : 'The'} refund of ${yuan(Number(p.refund) || 0)} arrived`
    case 'pay.refund.abnormal':
    case 'pay.refund.closed':
      return `${e.subject.person ? `${name(e.subject.person)}'s` : 'A'} refund could not be paid out`
    case 'pay.order.closed':
      return `${brand} closed an unpaid order`
    case 'pay.order.expired':
      return 'An unpaid order expired'
    case 'pay.merchant.updated':
      return `${own(brand)} pay merchant settings changed`

    case 'fault.added':
    case 'fault.removed': {
      const r = (p.rule ?? {}) as Record<string, unknown>
      const what = `${faultSurface(str(r.surface))} ${str(r.fault)}`
      if (e.type === 'fault.added') return `Fault rule ${str(r.id)} switched on: ${what}${ruleScope(r, name)}`
      return `Fault rule ${str(r.id)} switched off: ${what} (fired ${plural(Number(r.fired) || 0, 'time')})`
    }
    case 'fault.cleared': {
      const n = Number(p.rules) || 0
      return p.surface ? `${plural(n, `${faultSurface(str(p.surface))} fault rule`)} switched off` : n === 1 ? 'The fault rule was switched off' : `All ${n} fault rules switched off`
    }
    case 'fault.fired':
      return faultFired(e, ctx)

    case 'chat.card.shared':
      return `${who} shared a ${mp} card with ${recipients()}`
    case 'chat.card.forwarded':
      return `${who} forwarded a ${mp} card to ${recipients()}`
    case 'chat.message.sent':
    case 'chat.message.forwarded':
      return `${who} ${p.kind === 'image' ? 'sent a photo to' : p.kind === 'emoji' ? 'sent a sticker to' : e.type.endsWith('forwarded') ? 'forwarded a message to' : 'wrote to'} ${recipients()}`
    case 'chat.link.shared':
      return `${who} shared an article link with ${recipients()}`
    case 'chat.link.forwarded':
      return `${who} forwarded an article link to ${recipients()}`
    case 'chat.video.shared':
      return `${who} shared a Channels video with ${recipients()}`
    case 'chat.video.forwarded':
      return `${who} forwarded a Channels video to ${recipients()}`

    case 'oa.code.scanned':
      return `${who} scanned ${own(brand)} follow code`
    case 'oa.followed':
      return `${who} followed ${own(brand)} Official Account${p.subscribeScene === 'ADD_SCENE_QR_CODE' ? ' from a QR code' : p.subscribeScene === 'ADD_SCENE_SEARCH' ? ' from search' : ''}`
    case 'oa.unfollowed':
      return `${who} unfollowed ${own(brand)} Official Account`
    case 'oa.article.read':
      return `${who} read ${p.title ? quoted(str(p.title)) : 'an article'}`
    case 'oa.article.published': {
      const titles = Array.isArray(p.titles) ? (p.titles as unknown[]).map(str) : []
      return `${brand} published ${titles.length ? list(titles.map(quoted)) : 'an article'}`
    }
    case 'oa.draft.added':
      return `${brand} saved an article draft`
    case 'oa.menu.created':
      return `${brand} set up its Official Account menu`
    case 'oa.menu.deleted':
      return `${brand} removed its Official Account menu`
    case 'oa.menu.tapped':
      return `${who} tapped ${p.name ? quoted(str(p.name)) : 'a button'} in ${own(brand)} menu`
    case 'oa.qrcode.created':
      return `${brand} made a follow code${p.sceneStr ? ` (${str(p.sceneStr)})` : ''}`
    case 'oa.server.verified':
      return `WeChat checked ${own(brand)} Official Account server`
    case 'oa.server.verification_failed':
      return `WeChat could not check ${own(brand)} Official Account server${p.reason ? `: ${str(p.reason)}` : ''}`
    case 'oa.server.disabled':
      return `${own(brand)} Official Account server was switched off`
    case 'oa.oauth.authorized':
      return `${who} signed in to ${own(brand)} web page with WeChat`
    case 'oa.message.sent':
      return `${who} wrote to ${own(brand)} Official Account${p.preview ? `: ${quoted(str(p.preview))}` : ''}`
    case 'oa.message.delivered': {
      const preview = str(p.preview).replace(/^\[[^\]]+\]\s*/, '').trim()
      const what = p.source === 'passive-reply' ? 'replied to' : p.kind === 'template' ? 'sent a notice to' : 'wrote to'
      return `${own(brand)} Official Account ${what} ${recipients()}${preview ? `: ${quoted(preview)}` : ''}`
    }
    case 'oa.push.attempted':
    case 'oa.push.finished': {
      const person = e.subject.person ? name(e.subject.person) : ''
      const about = p.kind === 'TEMPLATESENDJOBFINISH' ? `its notice reached ${person || 'a follower'}` : `${person || 'a follower'} ${OA_NEWS[str(p.kind)] ?? 'did something'}`
      if (e.type === 'oa.push.attempted') return `WeChat told ${own(brand)} server that ${about} (${ordinal(Number(p.n) || 1)} try, ${p.ok ? 'received' : 'no answer'})`
      const n = Number(p.attempts) || 1
      const outcome = p.outcome === 'replied' ? 'it replied' : p.outcome === 'no-reply' ? 'acknowledged' : `no answer${p.detail ? `: ${str(p.detail)}` : ''}`
      return `WeChat told ${own(brand)} server that ${about} (${n > 1 ? `after ${n} tries, ` : ''}${outcome})`
    }

    case 'wecom.contact.added':
      return `${who} added ${consultant(e.subject.userid)}, ${own(brand)} consultant, on WeCom`
    case 'wecom.message.delivered': {
      const to = recipients()
      const staff = consultant(e.subject.userid ?? (e.actor !== e.subject.corpid ? e.actor : undefined))
      if (p.source === 'welcome') return `${staff} welcomed ${to} on WeCom`
      if (p.source === 'mass') return `${staff} sent ${to} ${own(brand)} mass message on WeCom`
      if (p.source === 'kf') return p.from === 'staff' ? `${own(brand)} customer service answered ${to}` : p.from === 'customer' ? `${who} wrote to ${own(brand)} customer service` : `${who} opened a chat with ${own(brand)} customer service`
      return p.from === 'staff' ? `${staff} wrote to ${to} on WeCom` : `${who} wrote to ${staff} on WeCom`
    }
    case 'wecom.contact.tagged': {
      const added = Array.isArray(p.add) ? (p.add as string[]).map((id) => ctx.tag?.(id) ?? 'a tag') : []
      const whom = e.subject.person ? name(e.subject.person) : 'a customer'
      return added.length ? `${brand} tagged ${whom} ${list(added.map(quoted))} in WeCom` : `${brand} updated ${whom}'s tags in WeCom`
    }
    case 'wecom.corp_tag.created': {
      const tags = Array.isArray(p.tags) ? (p.tags as { name?: string }[]).map((t) => quoted(str(t.name))) : []
      return `${brand} made WeCom customer tags${tags.length ? ` ${list(tags)}` : ''}`
    }
    case 'wecom.contact_way.created': {
      const users = Array.isArray(p.users) ? (p.users as string[]).map((u) => consultant(u)) : []
      return `${brand} made a code to add ${users.length ? list(users) : 'a consultant'}`
    }
    case 'wecom.msg_template.created':
      return `${brand} prepared a WeCom mass message for ${plural(Number(p.customers) || 0, 'customer')}`
    case 'wecom.msg_template.sent': {
      const senders = Array.isArray(p.senders) ? (p.senders as string[]).map((u) => consultant(u)) : [consultant(e.actor)]
      return `${list(senders)} sent the mass message (${str(p.delivered) || 0} delivered)`
    }
    case 'wecom.push.attempted': {
      const news = WECOM_NEWS[str(p.kind)] ?? str(p.kind).replace(/_/g, ' ')
      return `WeCom told ${own(brand)} server that ${news} (${ordinal(Number(p.n) || 1)} try, ${p.ok ? 'received' : str(p.detail) || 'no answer'})`
    }
    case 'wecom.callback.verified':
      return `WeCom checked ${own(brand)} server`
    case 'wecom.callback.verification_failed':
      return `WeCom could not check ${own(brand)} server`
    case 'wecom.callback.disabled':
      return `${own(brand)} WeCom server was switched off`
    case 'wecom.app_message.sent':
      return `${own(brand)} WeCom app messaged its staff`

    case 'channels.account.updated':
      return `${brand} updated its Channels profile`
    case 'channels.video.posted':
      return `${brand} posted a Channels video: ${quoted(str(p.title))}`
    case 'channels.video.viewed':
      return `${who} watched ${own(brand)} Channels video`
    case 'channels.video.liked':
      return `${who} liked ${own(brand)} Channels video`
    case 'channels.video.commented':
      return `${who} commented on ${own(brand)} Channels video: ${quoted(str(p.text))}`
    case 'channels.live.scheduled':
      return `${brand} scheduled a Channels live: ${quoted(str(p.title))}`
    case 'channels.live.started':
      return `${brand} went live on Channels: ${quoted(str(p.title))}`
    case 'channels.live.ended': {
      const s = (p.stats ?? {}) as Record<string, unknown>
      return `${brand} ended its Channels live · ${plural(Number(s.viewers) || 0, 'viewer')}, ${plural(Number(s.productTaps) || 0, 'product tap')}, ${plural(Number(s.orders) || 0, 'order')}`
    }
    case 'channels.live.joined':
      return `${who} joined ${own(brand)} Channels live`
    case 'channels.live.left':
      return `${who} left the Channels live`
    case 'channels.product.tapped':
      return `${who} tapped ${p.title ? str(p.title) : 'a product'} ${p.source === 'live' ? 'on the live shelf' : p.source === 'video' ? 'under a Channels video' : 'in the Channels shop'}`
    case 'channels.account.followed':
      return `${who} followed ${brand} on Channels`

    case 'cards.card.created':
      return `${brand} made a card${p.title ? `: ${quoted(str(p.title))}` : ''}`
    case 'cards.card.added':
      return `${who} put ${cardName(e, ctx)} in Cards & Offers`
    case 'cards.add.failed':
      return `${who} could not add ${own(brand)} card`
    case 'cards.code.consumed':
      return `${brand} redeemed ${who}'s ${cardName(e, ctx, false)}`
    case 'cards.member.updated':
      return `${brand} updated ${who}'s membership${p.bonus != null ? ` · ${str(p.bonus)} points` : ''}`
  }
  if (e.type.endsWith('.message.delivered') || e.type.endsWith('.message.sent')) {
    const to = people(p.recipients ?? e.subject.person ?? '')
    return `${humanType(e.type)}${to ? ` to ${to}` : ''}`
  }
  return `${humanType(e.type)}${who && who !== e.surface ? ` · ${who}` : ''}`
}

/** The fault library's surfaces, said as the subject of a sentence. */
const FAULT_SURFACES: Record<string, string> = {
  api: 'WeChat API',
  wecom: 'WeCom API',
  pay: 'WeChat Pay',
  'pay-notify': 'WeChat Pay notification',
  'pay-keys': 'WeChat Pay signature',
  miniprogram: 'Mini program',
  'oa-push': 'Official Account push',
  'wecom-push': 'WeCom callback',
}
const faultSurface = (surface: string) => FAULT_SURFACES[surface] ?? surface

/** A rule's limits in words: ` · once · for Alice Wang · 50% of the time`. */
function ruleScope(r: Record<string, unknown>, name: (id: string) => string) {
  const times = r.remaining == null ? '' : Number(r.remaining) === 1 ? 'once' : `${str(r.remaining)} times`
  const chance = typeof r.probability === 'number' && r.probability < 1 ? `${Math.round(r.probability * 100)}% of the time` : ''
  const parts = [times, r.person ? `for ${name(str(r.person))}` : '', r.route ? `on ${str(r.route)}` : '', r.journey ? `in ${str(r.journey)}` : '', chance]
  return parts.filter(Boolean).map((x) => ` · ${x}`).join('')
}

/** What a WeChat Pay call was, by its path: `the store's order`, `a refund`. */
function payCall(route: string, method: string, whose: string) {
  if (route === '/pay-sheet') return `${whose} payment`
  if (/\/close$/.test(route)) return `${whose} closing of an order`
  if (/^\/v3\/pay\/(partner\/)?transactions\/(jsapi|native|app|h5)$/.test(route)) return `${whose} order`
  if (/^\/v3\/pay\/(partner\/)?transactions\//.test(route) && method === 'GET') return `${whose} order query`
  if (/^\/v3\/refund\//.test(route)) return `${whose} ${method === 'GET' ? 'refund query' : 'refund'}`
  if (route.startsWith('/v3/certificates')) return `${whose} certificate download`
  return `${whose} call ${route}`
}

/** A fault rule fired: what WeChat did instead, to whom, and the rule's turns left. */
function faultFired(e: SandboxEvent, ctx: CaptionContext) {
  const p = e.payload
  const route = str(p.route)
  const method = str(p.method)
  const fault = str(p.fault)
  const server = `${own(ctx.brand)} server`
  const store = own(ctx.brand)
  const person = e.subject.person ? ctx.name(e.subject.person) : ''
  const remaining = p.remaining == null ? '' : Number(p.remaining) === 0 ? ', its last turn' : `, ${str(p.remaining)} left`
  const rule = ` (fault rule ${str(e.subject.fault)}${remaining})`
  const news = route.startsWith('/') && route.slice(1) in PAY_NEWS ? PAY_NEWS[route.slice(1)]! : route.slice(1).replace(/\*$/, '').toLowerCase().replace(/[._]/g, ' ')
  const notice = `its notice that ${news}`
  switch (str(p.surface) || e.surface) {
    case 'pay':
      return `WeChat Pay answered ${fault} to ${payCall(route, method, route === '/pay-sheet' && person ? `${own(person)}` : store)}${rule}`
    case 'api':
    case 'wecom':
      return `${e.surface === 'wecom' || p.surface === 'wecom' ? 'WeCom' : 'WeChat'} answered ${/^-?\d+$/.test(fault) ? `errcode ${fault}` : fault} to ${server} on ${route}${rule}`
    case 'pay-notify': {
      const done: Record<string, string> = { drop: 'dropped', duplicate: 'sent twice', delay: 'delayed', reorder: 'held back' }
      return done[fault] ? `WeChat Pay ${done[fault]} ${notice} to ${server}${rule}` : `WeChat Pay's notice that ${news} to ${server}: ${fault}${rule}`
    }
    case 'pay-keys': {
      const signed = route.startsWith('/v3') ? `its answer to ${route}` : notice
      return `WeChat Pay signed ${signed} with ${fault}${rule}`
    }
  }
  return `${faultSurface(str(p.surface) || e.surface)}: ${fault}${person ? ` for ${person}` : ''}${route ? ` on ${route}` : ''}${rule}`
}

function cardName(e: SandboxEvent, ctx: CaptionContext, withBrand = true) {
  const title = e.subject.card_id ? ctx.card?.(e.subject.card_id) : undefined
  return title ? quoted(title) : withBrand ? `${own(ctx.brand)} card` : 'card'
}

/** `7 days`, `1 hour`, `90 minutes`. */
function duration(ms: number) {
  const d = ms / 86_400_000
  if (Number.isInteger(d)) return plural(d, 'day')
  const h = ms / 3_600_000
  if (Number.isInteger(h)) return plural(h, 'hour')
  return plural(Math.round(ms / 60_000), 'minute')
}

/**
 * Where a launch came from, when it is more than the launch itself: the people along the share
 * chain (Alice → Bob → Carol), or the discovery before it (an article read, a follow code).
 */
function chainNote(chain: unknown, name: (id: string) => string) {
  if (!Array.isArray(chain) || chain.length < 2) return ''
  const steps = chain as { person?: string; entry?: string }[]
  const people = steps.map((s) => String(s.person ?? '')).filter((x, i, all) => i === 0 || all[i - 1] !== x)
  if (people.length > 1) return ` · via ${people.map(name).join(' → ')}`
  const first = steps[0]?.entry
  return first === 'oa-article' ? ' · after reading an article' : first === 'oa-follow-code' ? ' · after a follow code' : ''
}

/** `cards.code.consumed` → `Cards code consumed`. */
export function humanType(type: string) {
  const words = type.replace(/[._]/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A time in China (UTC+8), as the phones show it: `09:00:05`, or with the date. */
export function chinaTime(iso: string, withDate = false) {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600_000).toISOString()
  return withDate ? `${d.slice(5, 10)} ${d.slice(11, 16)}` : d.slice(11, 19)
}
