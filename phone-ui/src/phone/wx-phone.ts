import { LitElement, css, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { api, concerns, onEvent, type Conversation, type LaunchResult, type OaMessage, type Message, type PersonView, type SandboxEvent, type ServiceNotification } from '../api'
import '../channels/wx-channels'
import type { ChannelsStart } from '../channels/api'
import '../chats/wx-chat-list'
import '../chats/wx-conversation'
import '../chats/wx-service-notifications'
import '../contacts/wx-contacts'
import '../discover/wx-discover'
import type { DiscoverItem } from '../discover/wx-discover'
import { chinaTime, named, setWorldClock, t, worldNow, type Lang } from '../i18n'
import { icon } from '../icons'
import '../discover/wx-mini-programs'
import '../me/wx-me'
import '../me/wx-cards'
import '../me/wx-wallet'
import '../oa/wx-oa-chat'
import '../oa/wx-oa-feed'
import '../miniprogram/wx-mp-container'
import '../pay/wx-pay-sheet'
import type { PaySubmit, PaySummary } from '../pay/wx-pay-sheet'
import '../scan/wx-scanner'
import '../wecom/wx-wecom-chat'
import type { WecomCardTap } from '../wecom/wx-wecom-chat'
import { conversationsWithUnread, type WecomConversation } from '../wecom/api'
import type { MpSession } from '../miniprogram/wx-mp-container'
import type { MeItem } from '../me/wx-me'
import { theme } from './theme'
import { isOwnLaunch, settled } from '../own-calls'
import './wx-nav-bar'
import './wx-placeholder'
import './wx-status-bar'
import './wx-tab-bar'
import type { Tab } from './wx-tab-bar'

/** A screen pushed over the tabs, as WeChat navigates. */
/** What scanning a WeCom "contact me" code shows: the consultant and the call behind Add. */
interface ConsultantCard {
  consultant: { userid: string; name: string; nameZh?: string; position: string; avatar?: string }
  corpName: string
  corpTag: string
  added: boolean
  add: { method: string; path: string; body: unknown }
}

type Screen =
  | { kind: 'conversation'; id: string }
  | { kind: 'mini-programs' }
  | { kind: 'wallet' }
  | { kind: 'service-notifications' }
  | { kind: 'official-account' }
  | { kind: 'oa-feed' }
  | { kind: 'cards' }
  | { kind: 'wecom'; conversation: string }
  | { kind: 'placeholder'; title: string; iconName: string }

/**
 * One phone, signed in as one person: device frame, status bar, the four tabs and the screens
 * pushed over them. Everything it shows comes from the platform's person-side API and stays live
 * through the event stream.
 */
@customElement('wx-phone')
export class WxPhone extends LitElement {
  static styles = [
    theme,
    css`
      :host {
        display: block;
        width: 390px;
        height: 844px;
        flex: none;
      }
      .device {
        width: 100%;
        height: 100%;
        box-sizing: border-box;
        border-radius: 54px;
        padding: 12px;
        background: #111;
        box-shadow: 0 0 0 2px #3a3a3a, 0 24px 60px rgba(0, 0, 0, 0.45);
        position: relative;
      }
      .island {
        position: absolute;
        top: 22px;
        left: 50%;
        width: 110px;
        height: 30px;
        margin-left: -55px;
        border-radius: 16px;
        background: #000;
        /* hardware: over every screen, Channels' full-screen black included */
        z-index: 100;
      }
      .screen {
        width: 100%;
        height: 100%;
        border-radius: 42px;
        overflow: hidden;
        background: var(--wx-bg);
        display: flex;
        flex-direction: column;
        position: relative;
      }
      .tabs {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
      }
      .content {
        flex: 1;
        overflow-y: auto;
        min-height: 0;
      }
      .layer {
        position: absolute;
        inset: 44px 0 0 0;
        display: flex;
        flex-direction: column;
        background: var(--wx-bg);
        animation: slide 0.22s ease-out;
      }
      .layer > * {
        flex: 1;
        min-height: 0;
      }
      @keyframes slide {
        from {
          transform: translateX(30%);
          opacity: 0.4;
        }
      }
      .notice {
        position: absolute;
        left: 24px;
        right: 24px;
        top: 45%;
        z-index: 50;
        padding: 14px 16px;
        border-radius: 10px;
        background: rgba(17, 17, 17, 0.85);
        color: #fff;
        text-align: center;
        font-size: 14px;
      }
      .consultant {
        position: absolute;
        left: 16px;
        right: 16px;
        top: 30%;
        z-index: 50;
        background: #fff;
        border-radius: 12px;
        padding: 20px 18px 0;
        box-shadow: 0 10px 40px rgba(0, 0, 0, 0.3);
      }
      .consultant .who {
        display: flex;
        gap: 14px;
        align-items: center;
        padding-bottom: 18px;
      }
      .consultant .face {
        width: 52px;
        height: 52px;
        border-radius: 6px;
        background: #2782d7;
        color: #fff;
        display: grid;
        place-items: center;
        font-size: 22px;
        font-weight: 600;
      }
      .consultant .tag {
        color: #fa9d3b;
        font-size: 13px;
      }
      .consultant small {
        color: #7f7f7f;
      }
      .consultant .actions {
        display: flex;
        border-top: 1px solid rgba(0, 0, 0, 0.08);
        margin: 0 -18px;
      }
      .consultant .actions button {
        flex: 1;
        height: 50px;
        font-size: 16px;
      }
      .consultant .add {
        color: #07c160;
        font-weight: 600;
        border-left: 1px solid rgba(0, 0, 0, 0.08);
      }
      .home {
        position: absolute;
        bottom: 8px;
        left: 50%;
        width: 134px;
        height: 5px;
        margin-left: -67px;
        border-radius: 3px;
        background: #111;
        z-index: 5;
      }
    `,
  ]

  @property() person = ''
  @property() lang: Lang = 'en'
  @state() private tab: Tab = 'chats'
  @state() private stack: Screen[] = []
  @state() private me?: PersonView
  @state() private people = new Map<string, PersonView>()
  @state() private conversations: Conversation[] = []
  @state() private messages: Message[] = []
  @state() private time = ''
  @state() private mp: MpSession | null = null
  @state() private recent: string[] = []
  @state() private payVersion = 0
  @state() private oaVersion = 0
  @state() private cardsVersion = 0
  @state() private oaLatest: { name: string; nameZh?: string; message: OaMessage | null; unread: number } | null = null
  /** 订阅号消息: the newest article of the accounts the person follows */
  @state() private oaFeed: { account: { name: string; nameZh?: string }; title: string; at: string } | null = null
  @state() private notifications: ServiceNotification[] = []
  @state() private scanning = false
  @state() private nativePay: { summary: PaySummary; submit: PaySubmit } | null = null
  @state() private notice = ''
  @state() private consultant: ConsultantCard | null = null
  /** Channels (视频号), full screen: where it opened (Discover, a chat's video card, a mini program) */
  @state() private channels: ChannelsStart | null = null
  /** Channels opened by the mini program (wx.openChannels*): shown over it, closing returns to it */
  @state() private channelsOverMp = false
  /** WeCom chats (consultants, customer service) and a counter that makes an open one reload */
  @state() private wecom: WecomConversation[] = []
  @state() private wecomVersion = 0
  /** a customer-service chat opened from a mini program (wx.openCustomerServiceChat), shown over it */
  @state() private serviceChat: string | null = null
  #stopEvents?: () => void
  #ticker?: number

  connectedCallback() {
    super.connectedCallback()
    this.#stopEvents = onEvent((e) => this.#onEvent(e))
    this.#ticker = window.setInterval(() => this.#tick(), 1000)
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#stopEvents?.()
    clearInterval(this.#ticker)
  }

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('person') && this.person) {
      this.stack = []
      this.tab = 'chats'
      void this.#load()
    }
  }

  async #load() {
    const [people, conversations, notifications, clock] = await Promise.all([
      api.people(),
      api.conversations(this.person),
      api.notifications(this.person).catch(() => []),
      fetch('/_sandbox/clock').then((r) => r.json() as Promise<{ nowMs: number; mode: 'live' | 'frozen' }>),
    ])
    this.people = new Map(people.map((p) => [p.id, p]))
    this.me = this.people.get(this.person)
    this.conversations = conversations
    this.notifications = notifications
    this.wecom = await conversationsWithUnread(this.person).catch(() => [])
    await this.#loadOa()
    setWorldClock(clock.nowMs, clock.mode === 'frozen')
    this.#tick()
    const top = this.stack.at(-1)
    if (top?.kind === 'conversation') await this.#loadMessages(top.id)
  }

  #tick() {
    const now = worldNow()
    this.time = chinaTime(now, 'en', { hour: '2-digit', minute: '2-digit' })
  }

  /**
   * The phone follows its person: a launch made elsewhere (a scenario, a QA script, another tab)
   * opens the mini program here too, with the launch options the event carries. The event can
   * arrive before the phone's own launch call answers, so it waits for the phone's calls in flight
   * to settle and then knows whether the launch was its own.
   */
  async #follow(e: SandboxEvent) {
    await settled()
    if (isOwnLaunch(e.id)) return
    const p = e.payload as { path: string; query: Record<string, string>; scene: number; shareTicket?: string; referrerAppId?: string }
    const app = await api.miniProgram(e.subject.appid!)
    this.mp = {
      appid: app.appid,
      appName: app.name,
      brandColor: app.brandColor,
      icon: app.icon,
      pagesUrl: app.pagesUrl,
      launch: {
        path: p.path,
        query: p.query ?? {},
        scene: p.scene,
        ...(p.shareTicket && { shareTicket: p.shareTicket }),
        referrerInfo: p.referrerAppId ? { appId: p.referrerAppId } : {},
      },
    }
  }

  async #onEvent(e: SandboxEvent) {
    if (e.type === 'clock.frozen' || e.type === 'clock.resumed') {
      setWorldClock(Date.parse(e.payload.at as string), e.type === 'clock.frozen')
      this.#tick()
    }
    if (e.type === 'clock.advanced') {
      setWorldClock(Date.parse(e.payload.to as string))
      this.#tick()
      this.conversations = [...this.conversations]
    }
    // a new article reaches every follower's Subscriptions (it names no person)
    if (e.type === 'oa.article.published' && this.person) return this.#loadOa()
    if (!this.person || !concerns(e, this.person)) return
    if (e.type === 'miniprogram.launched' && e.actor === this.person) void this.#follow(e)
    // joining a live elsewhere (a scenario, a script) opens the live room here too
    if (e.type === 'channels.live.joined' && e.actor === this.person && !this.channels) this.channels = { screen: 'live', liveId: e.subject.live! }
    if (e.type === 'world.replaced') {
      // a new world: the phone starts again at its chats, with nothing of the old world open
      this.stack = []
      this.tab = 'chats'
      this.mp = null
      this.channels = null
      this.channelsOverMp = false
      this.serviceChat = null
      this.scanning = false
      this.nativePay = null
      this.consultant = null
      this.notice = ''
      return this.#load()
    }
    if (e.surface === 'pay') this.payVersion++
    if (e.surface === 'wecom') {
      this.wecom = await conversationsWithUnread(this.person).catch(() => this.wecom)
      this.wecomVersion++
    }
    if (e.surface === 'cards') this.cardsVersion++
    if (e.surface === 'official-account') {
      this.oaVersion++
      await this.#loadOa()
    }
    if (e.type === 'miniprogram.subscribe-message.sent') this.notifications = await api.notifications(this.person)
    if (e.surface === 'chat') {
      this.conversations = await api.conversations(this.person)
      const top = this.stack.at(-1)
      if (top?.kind === 'conversation' && top.id === e.subject.conversation) await this.#loadMessages(top.id)
    }
  }

  /** The Official Account's row in the chat list: shown once it has written to the person. */
  async #loadOa() {
    const [profile, messages] = await Promise.all([api.officialAccount(this.person), api.oaMessages(this.person)]).catch(() => [null, []] as const)
    const lastSeen = Number(localStorage.getItem(`wx-oa-seen:${this.person}`) ?? 0)
    const fromAccount = messages.filter((m) => m.from === 'account')
    this.oaLatest =
      profile && fromAccount.length
        ? { name: profile.name, nameZh: profile.nameZh, message: messages.at(-1) ?? null, unread: fromAccount.filter((m) => m.seq > lastSeen).length }
        : null
    const articles = profile?.following ? await api.oaArticles(this.person).catch(() => []) : []
    this.oaFeed = profile && articles[0] ? { account: { name: profile.name, nameZh: profile.nameZh }, title: articles[0].title, at: articles[0].publishedAt } : null
  }

  #openOa() {
    const last = this.oaLatest?.message
    if (last) localStorage.setItem(`wx-oa-seen:${this.person}`, String(last.seq))
    if (this.oaLatest) this.oaLatest = { ...this.oaLatest, unread: 0 }
    this.stack = [...this.stack, { kind: 'official-account' }]
  }

  async #loadMessages(conversation: string) {
    this.messages = await api.messages(this.person, conversation)
    const last = this.messages.at(-1)
    if (last) {
      await api.markRead(this.person, conversation, last.seq)
      this.conversations = this.conversations.map((c) => (c.id === conversation ? { ...c, unread: 0 } : c))
    }
  }

  render() {
    const unread =
      this.conversations.reduce((n, c) => n + c.unread, 0) +
      this.notifications.filter((n) => !n.openedAt).length +
      (this.oaLatest?.unread ?? 0) +
      this.wecom.reduce((n, c) => n + (c.unread ?? 0), 0)
    const top = this.stack.at(-1)
    // what a full-screen layer covers can be neither reached nor read (one chat box, not two, when
    // the customer-service chat opens over a mini program opened from a chat)
    const covered = this.#covered()
    const under = (layer: keyof typeof covered) => (covered[layer] ? 'true' : nothing)
    return html`<div class="device" role="region" aria-label=${`${this.me?.name ?? this.person}'s phone`}>
      <div class="island"></div>
      <div class="screen">
        <wx-status-bar time=${this.time}></wx-status-bar>
        <div class="tabs" ?inert=${covered.tabs} aria-hidden=${under('tabs')}>
          ${this.#tabHeader(unread)}
          <div class="content">${this.#tabContent()}</div>
          <wx-tab-bar .active=${this.tab} .unread=${unread} .lang=${this.lang} @wx-tab=${(e: CustomEvent<Tab>) => (this.tab = e.detail)}></wx-tab-bar>
        </div>
        ${top ? html`<div class="layer" ?inert=${covered.stack} aria-hidden=${under('stack')} @wx-back=${this.#pop}>${this.#screen(top)}</div>` : null}
        ${this.channels
          ? html`<wx-channels
              ?inert=${covered.channels}
              aria-hidden=${under('channels')}
              .person=${this.person}
              .lang=${this.lang}
              .time=${this.time}
              .start=${this.channels}
              .conversations=${this.conversations}
              .people=${this.people}
              style=${this.channelsOverMp ? 'z-index: 11' : ''}
              @wx-channels-close=${() => ((this.channels = null), (this.channelsOverMp = false))}
              @wx-launched=${(e: CustomEvent<LaunchResult>) => ((this.channelsOverMp = false), this.#openLaunched(e.detail))}
            ></wx-channels>`
          : null}
        ${this.mp && this.channels && !this.channelsOverMp
          ? html`<wx-status-bar style="position:absolute;top:0;left:0;right:0;z-index:10" time=${this.time}></wx-status-bar>`
          : null}
        ${this.mp
          ? html`<wx-mp-container
              ?inert=${covered.mp}
              aria-hidden=${under('mp')}
              style="top:44px"
              .time=${this.time}
              .person=${this.person}
              .lang=${this.lang}
              .session=${this.mp}
              .conversations=${this.conversations}
              .people=${this.people}
              @wx-mp-close=${() => (this.mp = null)}
              @wx-open-channels=${(e: CustomEvent<ChannelsStart>) => ((this.channelsOverMp = true), (this.channels = e.detail))}
              @wx-identify-code=${this.#scanned}
              @wx-open-service-chat=${(e: CustomEvent<string>) => this.#openServiceChat(e.detail)}
            ></wx-mp-container>`
          : null}
        ${this.serviceChat ? html`<div class="layer" style="z-index:20" ?inert=${covered.service} aria-hidden=${under('service')} @wx-back=${() => (this.serviceChat = null)}>${this.#wecomChat(this.serviceChat)}</div>` : null}
        ${this.scanning ? html`<wx-scanner .time=${this.time} .lang=${this.lang} @wx-scan=${this.#scanned}></wx-scanner>` : null}
        ${this.nativePay
          ? html`<wx-pay-sheet .summary=${this.nativePay.summary} .submit=${this.nativePay.submit} .lang=${this.lang} @wx-pay-done=${() => (this.nativePay = null)}></wx-pay-sheet>`
          : null}
        ${this.notice ? html`<div class="notice" role="alert" @click=${() => (this.notice = '')}>${this.notice}</div>` : null}
        ${this.consultant ? this.#consultantCard(this.consultant) : null}
        <div class="home"></div>
      </div>
    </div>`
  }

  /** Which layers a full-screen one above covers, bottom to top: tabs, pushed screen, Channels and the mini program (in the order they opened), customer service, scanner. */
  #covered() {
    const scanner = this.scanning
    const service = !!this.serviceChat || scanner
    const mpOverChannels = !!this.mp && !!this.channels && !this.channelsOverMp
    const channelsOverMp = !!this.mp && !!this.channels && this.channelsOverMp
    const stack = !!this.mp || !!this.channels || service
    return { tabs: stack || this.stack.length > 0, stack, channels: mpOverChannels || service, mp: channelsOverMp || service, service: scanner }
  }

  #tabHeader(unread: number) {
    const title = this.tab === 'chats' ? `${t(this.lang, 'weixin')}${unread ? ` (${unread})` : ''}` : this.tab === 'me' ? '' : t(this.lang, this.tab)
    if (this.tab === 'me') return html`<div style="height:0"></div>`
    // WeChat has ⊕ (new chat, add contacts, scan, money) on Chats and Contacts only
    const add = this.tab === 'chats' || this.tab === 'contacts'
    return html`<wx-nav-bar heading=${title}>
      ${add ? html`<button slot="action" aria-label="Add">${icon('plus', 24)}</button>` : null}
    </wx-nav-bar>`
  }

  #tabContent() {
    switch (this.tab) {
      case 'chats':
        return html`<wx-chat-list
          .conversations=${this.conversations}
          .notifications=${this.notifications}
          .people=${this.people}
          .me=${this.person}
          .lang=${this.lang}
          @wx-open-notifications=${() => (this.stack = [...this.stack, { kind: 'service-notifications' }])}
          .officialAccount=${this.oaLatest && { ...this.oaLatest, name: named(this.oaLatest, this.lang) }}
          .subscriptions=${this.oaFeed && { ...this.oaFeed, account: named(this.oaFeed.account, this.lang) }}
          @wx-open-subscriptions=${() => (this.stack = [...this.stack, { kind: 'oa-feed' }])}
          .wecom=${this.wecom}
          @wx-open-wecom=${(e: CustomEvent<string>) => (this.stack = [...this.stack, { kind: 'wecom', conversation: e.detail }])}
          @wx-open-official-account=${() => this.#openOa()}
          @wx-open-conversation=${(e: CustomEvent<Conversation>) => this.#openConversation(e.detail.id)}
        ></wx-chat-list>`
      case 'contacts':
        return html`<wx-contacts
          .friends=${this.conversations.filter((c) => c.kind === 'p2p').map((c) => this.people.get(c.peer!)!).filter(Boolean)}
          .groups=${this.conversations.filter((c) => c.kind === 'group')}
          .wecom=${this.wecom.filter((c) => c.kind === 'consultant')}
          @wx-open-wecom=${(e: CustomEvent<string>) => (this.stack = [...this.stack, { kind: 'wecom', conversation: e.detail }])}
          .lang=${this.lang}
          @wx-open-chat-with=${(e: CustomEvent<string>) => this.#openChatWith(e.detail)}
          @wx-open-official-accounts=${() => this.#openOa()}
        ></wx-contacts>`
      case 'discover':
        return html`<wx-discover .lang=${this.lang} @wx-discover-open=${(e: CustomEvent<DiscoverItem>) => this.#discover(e.detail)}></wx-discover>`
      case 'me':
        return html`<wx-me .person=${this.me} .lang=${this.lang} @wx-me-open=${(e: CustomEvent<MeItem>) => this.#meOpen(e.detail)}></wx-me>`
    }
  }

  #screen(s: Screen) {
    if (s.kind === 'conversation') {
      const conversation = this.conversations.find((c) => c.id === s.id)
      if (!conversation) return null
      return html`<wx-conversation
        @wx-open-card=${(e: CustomEvent<{ message: Message; conversation: Conversation }>) => this.#openCard(e.detail.message, e.detail.conversation)}
        @wx-launched=${(e: CustomEvent<LaunchResult>) => this.#openLaunched(e.detail)}
        .me=${this.person}
        .conversation=${conversation}
        .conversations=${this.conversations}
        .people=${this.people}
        .messages=${this.messages}
        .lang=${this.lang}
      ></wx-conversation>`
    }
    if (s.kind === 'wecom') return this.#wecomChat(s.conversation)
    if (s.kind === 'cards') return html`<wx-cards .person=${this.person} .lang=${this.lang} .version=${this.cardsVersion}></wx-cards>`
    if (s.kind === 'official-account')
      return html`<wx-oa-chat
        .person=${this.person}
        .lang=${this.lang}
        .version=${this.oaVersion}
        @wx-launched=${(e: CustomEvent<LaunchResult>) => this.#openLaunched(e.detail)}
      ></wx-oa-chat>`
    if (s.kind === 'oa-feed')
      return html`<wx-oa-feed .person=${this.person} .lang=${this.lang} @wx-launched=${(e: CustomEvent<LaunchResult>) => this.#openLaunched(e.detail)}></wx-oa-feed>`
    if (s.kind === 'service-notifications')
      return html`<wx-service-notifications
        .notifications=${this.notifications}
        .lang=${this.lang}
        @wx-open-notification=${(e: CustomEvent<string>) => this.#openNotification(e.detail)}
      ></wx-service-notifications>`
    if (s.kind === 'wallet') return html`<wx-wallet .person=${this.person} .lang=${this.lang} .version=${this.payVersion}></wx-wallet>`
    if (s.kind === 'mini-programs')
      return html`<wx-mini-programs
        .recent=${this.recent}
        .lang=${this.lang}
        @wx-mp-open=${(e: CustomEvent<{ appid: string; entry: string }>) => this.openMiniProgram(e.detail)}
      ></wx-mini-programs>`
    return html`<wx-placeholder heading=${s.title} iconName=${s.iconName} note=${t(this.lang, 'comingSoon')}></wx-placeholder>`
  }

  async #openServiceChat(conversation: string) {
    this.wecom = await conversationsWithUnread(this.person).catch(() => this.wecom)
    this.serviceChat = conversation
  }

  /** The open chat was seen: its badge goes (only when there is one, so the chat is not handed a new object for nothing). */
  #wecomRead(conversation: string) {
    if (this.wecom.some((x) => x.conversation === conversation && x.unread)) this.wecom = this.wecom.map((x) => (x.conversation === conversation ? { ...x, unread: 0 } : x))
  }

  #wecomChat(conversation: string) {
    const c = this.wecom.find((x) => x.conversation === conversation)
    if (!c) return null
    return html`<wx-wecom-chat
      .person=${this.person}
      .conversation=${c}
      .lang=${this.lang}
      .version=${this.wecomVersion}
      @wx-wecom-card=${(e: CustomEvent<WecomCardTap>) => this.#openWecomCard(e.detail)}
      @wx-wecom-read=${(e: CustomEvent<string>) => this.#wecomRead(e.detail)}
    ></wx-wecom-chat>`
  }

  /** A mini program card in a WeCom chat: scene 1007 with chatType 2 (a WeCom contact's card) or 1202 (customer service). */
  #openWecomCard(card: WecomCardTap) {
    if (card.pageNotFound) return this.#notify(this.lang === 'zh' ? '页面不存在' : 'Page not found')
    this.serviceChat = null
    void this.openMiniProgram({ entry: card.kind === 'consultant' ? 'wecom-chat' : 'wecom-customer-service', appid: card.appid, path: card.path })
  }

  async #openConversation(id: string) {
    this.messages = []
    this.stack = [...this.stack, { kind: 'conversation', id }]
    await this.#loadMessages(id)
  }

  #openChatWith(target: string) {
    const c = this.conversations.find((x) => x.peer === target || x.groupId === target)
    if (c) void this.#openConversation(c.id)
  }

  /** Launches a mini program from an entry (the platform decides scene and launch options) and opens it. */
  async openMiniProgram(entry: Record<string, unknown>) {
    const launched = await api.launch(this.person, entry)
    this.recent = [launched.appid, ...this.recent.filter((a) => a !== launched.appid)].slice(0, 8)
    await this.#openLaunched(launched)
  }

  async #openNotification(id: string) {
    await this.#openLaunched(await api.openNotification(this.person, id))
    this.notifications = await api.notifications(this.person)
  }

  /** Opens the container for a launch the platform already made (scan, menu, notification). */
  async #openLaunched(launched: LaunchResult) {
    const app = await api.miniProgram(launched.appid)
    this.mp = { appid: app.appid, appName: app.name, brandColor: app.brandColor, icon: app.icon, pagesUrl: app.pagesUrl, launch: launched.launchOptions }
  }

  #openCard(m: Message, c: Conversation) {
    if (m.kind === 'channels_video') {
      this.channels = { screen: 'video', feedId: m.body.feedId, shareId: m.body.shareId }
      return
    }
    const group = c.kind === 'group'
    void this.openMiniProgram({
      entry: group ? 'group' : 'chat',
      appid: m.body.appid,
      path: m.body.path,
      from: m.sender,
      ...(group && { groupId: c.groupId, shareTicket: m.body.shareTicket }),
    })
  }

  #scanned = async (e: CustomEvent<{ payload: string; method: string } | null>) => {
    this.scanning = false
    if (!e.detail) return
    try {
      const result = await api.scan(this.person, e.detail)
      if (result.action === 'open-miniprogram') await this.#openLaunched(result as LaunchResult)
      else if (result.action === 'follow-official-account') this.#openOa()
      else if (result.action === 'add-wecom-contact') this.consultant = result as unknown as ConsultantCard
      else if (result.action === 'pay' && 'codeUrl' in result) {
        const { codeUrl, ok, order, message } = result
        if (!ok || !order) this.#notify(message ?? 'This payment code cannot be paid')
        else this.nativePay = { summary: order, submit: (input) => api.pay(this.person, { codeUrl, ...input }) }
      } else this.#notify(('message' in result && result.message) || `Scanned: ${result.action}`)
    } catch (err) {
      this.#notify(err instanceof Error ? err.message : String(err))
    }
  }

  #consultantCard(c: ConsultantCard) {
    const zh = this.lang === 'zh'
    return html`<div class="consultant" role="dialog" aria-label=${c.consultant.name}>
      <div class="who">
        <span class="face">${c.consultant.name.slice(0, 1)}</span>
        <div><strong>${named(c.consultant, this.lang)}</strong> <span class="tag">${c.corpTag}</span><br /><small>${c.consultant.position} · ${c.corpName}</small></div>
      </div>
      <div class="actions">
        <button @click=${() => (this.consultant = null)}>${zh ? '取消' : 'Cancel'}</button>
        <button class="add" ?disabled=${c.added} @click=${() => this.#addConsultant(c)}>${c.added ? (zh ? '已添加' : 'Added') : zh ? '添加到通讯录' : 'Add to Contacts'}</button>
      </div>
    </div>`
  }

  async #addConsultant(c: ConsultantCard) {
    const res = await fetch(c.add.path, { method: c.add.method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(c.add.body) })
    this.consultant = null
    this.#notify(res.ok ? (this.lang === 'zh' ? `已添加 ${named(c.consultant, 'zh')}` : `${c.consultant.name} added`) : `Could not add: ${res.status}`)
  }

  #notify(message: string) {
    this.notice = message
    setTimeout(() => (this.notice = ''), 3000)
  }

  #discover(item: DiscoverItem) {
    if (item === 'scan') {
      this.scanning = true
      return
    }
    if (item === 'miniPrograms') {
      this.stack = [...this.stack, { kind: 'mini-programs' }]
      return
    }
    if (item === 'channels') {
      this.channels = { screen: 'feed' }
      return
    }
    const icons = { moments: 'moments', channels: 'channels', scan: 'scan', miniPrograms: 'miniPrograms' }
    this.stack = [...this.stack, { kind: 'placeholder', title: t(this.lang, item), iconName: icons[item] }]
  }

  #meOpen(item: MeItem) {
    if (item === 'language') {
      this.lang = this.lang === 'en' ? 'zh' : 'en'
      this.dispatchEvent(new CustomEvent('wx-lang', { detail: this.lang, bubbles: true, composed: true }))
      return
    }
    if (item === 'pay') {
      this.stack = [...this.stack, { kind: 'wallet' }]
      return
    }
    if (item === 'cardsOffers') {
      this.stack = [...this.stack, { kind: 'cards' }]
      return
    }
    const icons = { favorites: 'favorites', settings: 'settings' }
    const title = t(this.lang, item)
    this.stack = [...this.stack, { kind: 'placeholder', title, iconName: icons[item] }]
  }

  #pop = () => {
    this.stack = this.stack.slice(0, -1)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-phone': WxPhone
  }
  interface GlobalEventHandlersEventMap {
    'wx-lang': CustomEvent<Lang>
  }
}
