import type { SandboxEvent } from '../api'

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
}

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')

/**
 * One line a trainer can read aloud for an event: who did what, with the detail that matters
 * (scene, amount, outcome). Events without a phrase of their own read as their type.
 */
export function caption(e: SandboxEvent, name: (id: string) => string = (id) => id): string {
  const p = e.payload
  const who = name(e.actor)
  const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => name(String(x))).join(', ') : str(v))
  switch (e.type) {
    case 'world.seeded':
      return `World seeded${p.seed != null ? ` (seed ${str(p.seed)})` : ''}`
    case 'clock.advanced':
      return `Clock advanced to ${chinaTime(str(p.to), true)}${p.fired ? ` · ${str(p.fired)} job(s) ran` : ''}`
    case 'qr.scanned':
      return `${who} scanned a code${p.via ? ` (${str(p.via)})` : ''}`
    case 'miniprogram.launched':
      return `${who} opened the mini program · scene ${str(p.scene)}${p.sceneLabel ? ` ${str(p.sceneLabel)}` : ''}${chainNote(p.shareChain, name)}`
    case 'miniprogram.session.created':
      return `${e.subject.person ? name(e.subject.person) : who} signed in to the mini program`
    case 'miniprogram.subscribe.answered':
      return `${who} answered a subscription request`
    case 'pay.order.created':
      return `Merchant placed an order of ${yuan(Number(p.total) || 0)}${p.description ? ` · ${str(p.description)}` : ''}`
    case 'pay.payment.succeeded':
      return `${who} paid ${yuan(Number(p.total) || 0)}${p.description ? ` · ${str(p.description)}` : ''}`
    case 'pay.payment.failed':
      return `${who}'s payment failed${p.reason ? ` (${str(p.reason)})` : ''}`
    case 'pay.payment.cancelled':
      return `${who} cancelled the payment`
    case 'pay.notification.attempted':
      return `Pay notification #${str(p.n)} → ${str(p.outcome) || str(p.status)}`
    case 'pay.refund.created':
      return `Merchant refunded ${yuan(Number(p.refund) || 0)} of ${yuan(Number(p.total) || 0)}`
    case 'chat.card.shared':
      return `${who} shared a card with ${list(p.recipients)}`
    case 'chat.card.forwarded':
      return `${who} forwarded a card to ${list(p.recipients)}`
    case 'chat.message.sent':
      return `${who} ${p.kind === 'image' ? 'sent a photo to' : p.kind === 'emoji' ? 'sent a sticker to' : 'wrote to'} ${list(p.recipients)}`
    case 'chat.link.shared':
      return `${who} shared an article link with ${list(p.recipients)}`
    case 'chat.link.forwarded':
      return `${who} forwarded an article link to ${list(p.recipients)}`
    case 'oa.code.scanned':
      return `${who} scanned the Official Account's code${p.scene ? ` · ${str(p.scene)}` : ''}`
    case 'oa.push.finished':
      return `Official Account push (${str(p.kind)}) → ${str(p.outcome)}`
    case 'oa.followed':
      return `${who} followed the Official Account`
    case 'oa.unfollowed':
      return `${who} unfollowed the Official Account`
    case 'oa.article.read':
      return `${who} read an article`
    case 'oa.article.published':
      return 'The brand published an article'
    case 'wecom.contact.added':
      return `${who} added a WeCom consultant${p.state ? ` · state ${str(p.state)}` : ''}`
    case 'wecom.message.delivered': {
      const to = list(p.recipients)
      if (p.source === 'welcome') return `Consultant's welcome message to ${to}`
      if (p.source === 'mass') return `Consultant's mass message to ${to}`
      if (p.source === 'kf') return p.from === 'staff' ? `Customer service answered ${to}` : p.from === 'customer' ? `${who} wrote to customer service` : `${who} opened a customer-service chat`
      return `${who} wrote to the consultant`
    }
    case 'wecom.contact.tagged':
      return 'The brand tagged a WeCom customer'
    case 'wecom.msg_template.created':
      return `The brand created a WeCom mass message for ${str(p.customers)} customer(s)`
    case 'wecom.msg_template.sent':
      return `Consultant sent the mass message (${str(p.delivered)} delivered)`
    case 'wecom.push.attempted':
      return `WeCom callback #${str(p.n)} ${str(p.kind)} → ${p.ok ? 'received' : str(p.detail) || 'failed'}`
    case 'wecom.callback.verified':
      return "The brand's WeCom callback URL was verified"
    case 'channels.video.posted':
      return `The brand posted a Channels video · ${str(p.title)}`
    case 'channels.live.scheduled':
      return `The brand scheduled a Channels live · ${str(p.title)}`
    case 'channels.live.started':
      return `The brand went live on Channels · ${str(p.title)}`
    case 'channels.live.ended': {
      const s = (p.stats ?? {}) as Record<string, unknown>
      return `The Channels live ended · ${str(s.viewers)} viewer(s), ${str(s.productTaps)} tap(s), ${str(s.orders)} order(s)`
    }
    case 'channels.live.joined':
      return `${who} joined the Channels live`
    case 'channels.live.left':
      return `${who} left the Channels live`
    case 'channels.product.tapped':
      return `${who} tapped ${str(p.title)} ${p.source === 'live' ? 'on the live shelf' : p.source === 'video' ? 'under a Channels video' : 'in the Channels shop'} · scene ${str(p.scene)}`
    case 'channels.video.liked':
      return `${who} liked a Channels video`
    case 'channels.video.commented':
      return `${who} commented on a Channels video: “${str(p.text)}”`
    case 'channels.account.followed':
      return `${who} followed the brand on Channels`
    case 'chat.video.shared':
      return `${who} shared a Channels video with ${list(p.recipients)}`
    case 'chat.video.forwarded':
      return `${who} forwarded a Channels video to ${list(p.recipients)}`
  }
  if (e.type.endsWith('.message.delivered') || e.type.endsWith('.message.sent')) {
    const to = list(p.recipients) || (e.subject.person ? name(e.subject.person) : '')
    return `${humanType(e.type)}${to ? ` to ${to}` : ''}`
  }
  return `${humanType(e.type)}${who && who !== e.surface ? ` · ${who}` : ''}`
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
