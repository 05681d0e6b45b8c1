import { LitElement, css, html } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { onEvent, type Conversation, type LaunchResult, type PersonView, type SandboxEvent } from '../api'
import type { Lang } from '../i18n'
import '../miniprogram/wx-share-panel'
import '../phone/wx-status-bar'
import { buttonReset } from '../phone/theme'
import { channels, type ChannelsStart, type Comment, type FeedTab, type Live, type Profile, type Video } from './api'
import { g } from './icons'
import './wx-channels-comments'
import './wx-channels-live'
import './wx-channels-profile'
import './wx-channels-video'
import type { VideoAction } from './wx-channels-video'

type Screen = { kind: 'feed' } | { kind: 'video'; video: Video; shareId?: string } | { kind: 'profile'; profile: Profile } | { kind: 'live'; live: Live; followed: boolean }

const TABS: { tab: FeedTab; en: string; zh: string }[] = [
  { tab: 'following', en: 'Following', zh: '关注' },
  { tab: 'friends', en: 'Friends', zh: '朋友' },
  { tab: 'recommended', en: 'Recommended', zh: '推荐' },
]

/**
 * Discover → Channels (视频号), full screen over the phone: the vertical feed with its three tabs,
 * a video opened from a chat card, an account's page and the live room. Taps on products and
 * mini program links launch the mini program through the platform (`wx-launched`).
 */
@customElement('wx-channels')
export class WxChannels extends LitElement {
  static styles = [
    buttonReset,
    css`
      :host {
        position: absolute;
        inset: 0;
        /* over the tabs and pushed screens, under the mini program it opens (10) and the pay sheet */
        z-index: 9;
        background: #000;
        color: #fff;
        display: block;
        animation: in 0.2s ease-out;
      }
      @keyframes in {
        from {
          opacity: 0;
          transform: scale(0.98);
        }
      }
      wx-status-bar {
        position: absolute;
        top: 0;
        left: 0;
        right: 0;
        z-index: 4;
        --wx-status-bg: transparent;
        --wx-status-fg: #fff;
      }
      :host([light]) wx-status-bar {
        --wx-status-fg: #fff;
      }
      .screen {
        position: absolute;
        inset: 0;
      }
      .feed {
        position: absolute;
        inset: 0;
        overflow-y: auto;
        scroll-snap-type: y mandatory;
        scrollbar-width: none;
      }
      .feed::-webkit-scrollbar {
        display: none;
      }
      .feed wx-channels-video {
        height: 100%;
        scroll-snap-align: start;
      }
      .topbar {
        position: absolute;
        top: 44px;
        left: 0;
        right: 0;
        z-index: 3;
        height: 44px;
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 0 12px;
        text-shadow: 0 1px 2px rgba(0, 0, 0, 0.4);
      }
      .tabs {
        display: flex;
        gap: 16px;
      }
      .tabs button {
        font-size: 15px;
        opacity: 0.7;
        padding: 6px 0;
        border-bottom: 2px solid transparent;
      }
      .tabs button[aria-selected='true'] {
        opacity: 1;
        font-weight: 600;
        border-color: #fff;
      }
      .icons {
        display: flex;
        gap: 14px;
      }
      .empty {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        text-align: center;
        padding: 40px;
        color: rgba(255, 255, 255, 0.6);
        line-height: 1.6;
      }
      .notice {
        position: absolute;
        left: 40px;
        right: 40px;
        top: 45%;
        z-index: 9;
        padding: 12px;
        border-radius: 10px;
        background: rgba(17, 17, 17, 0.85);
        text-align: center;
        font-size: 14px;
      }
      .share {
        position: absolute;
        inset: 0;
        z-index: 8;
        background: var(--wx-bg, #ededed);
        color: #191919;
        padding-top: 44px;
      }
    `,
  ]

  @property() person = ''
  @property() lang: Lang = 'en'
  @property() time = ''
  @property({ attribute: false }) start: ChannelsStart = { screen: 'feed' }
  @property({ attribute: false }) conversations: Conversation[] = []
  @property({ attribute: false }) people = new Map<string, PersonView>()
  @state() private stack: Screen[] = []
  @state() private tab: FeedTab = 'recommended'
  @state() private videos: Video[] = []
  @state() private loaded = false
  @state() private commenting: Video | null = null
  @state() private comments: Comment[] = []
  @state() private sharing: Video | null = null
  @state() private notice = ''
  @state() private liveChat: { name: string; text: string }[] = []
  #stopEvents?: () => void

  connectedCallback() {
    super.connectedCallback()
    this.#stopEvents = onEvent((e) => void this.#onEvent(e))
  }

  disconnectedCallback() {
    super.disconnectedCallback()
    this.#stopEvents?.()
    const top = this.stack.at(-1)
    if (top?.kind === 'live') void channels.leave(this.person, top.live.liveId).catch(() => undefined)
  }

  willUpdate(changed: Map<string, unknown>) {
    if (changed.has('start')) void this.#begin()
  }

  async #begin() {
    const s = this.start
    this.stack = []
    try {
      if (s.screen === 'feed') {
        this.stack = [{ kind: 'feed' }]
        await this.#loadFeed()
      } else if (s.screen === 'video') {
        this.stack = [{ kind: 'video', video: await channels.video(s.feedId), shareId: s.shareId }]
        this.#viewed(s.feedId, s.shareId ? 'chat' : 'miniprogram')
      }
      else if (s.screen === 'profile') this.stack = [{ kind: 'profile', profile: await channels.profile(this.person, s.finderUserName) }]
      else await this.#openLive(s.liveId)
    } catch (err) {
      this.#notify((err as Error).message)
    }
  }

  async #loadFeed() {
    this.loaded = false
    this.videos = await channels.feed(this.person, this.tab)
    this.loaded = true
    if (this.videos[0]) this.#viewed(this.videos[0].feedId, 'feed')
  }

  /** Videos this visit has counted as viewed (once each). */
  readonly #seen = new Set<string>()
  #viewed(feedId: string, from: 'feed' | 'chat' | 'profile' | 'miniprogram') {
    if (this.#seen.has(feedId)) return
    this.#seen.add(feedId)
    void channels.view(this.person, feedId, from).catch(() => undefined)
  }

  /** The feed snapped to another video: that one fills the screen now. */
  #scrolled = (e: Event) => {
    const feed = e.target as HTMLElement
    const video = this.videos[Math.round(feed.scrollTop / Math.max(feed.clientHeight, 1))]
    if (video) this.#viewed(video.feedId, 'feed')
  }

  render() {
    const top = this.stack.at(-1)
    return html`<wx-status-bar time=${this.time}></wx-status-bar>
      <div class="screen" @wx-video-action=${this.#videoAction} @wx-video-open=${this.#videoOpen}>${top ? this.#screen(top) : null}</div>
      ${this.commenting
        ? html`<wx-channels-comments
            .comments=${this.comments}
            .lang=${this.lang}
            @wx-comments-close=${() => (this.commenting = null)}
            @wx-comment=${(e: CustomEvent<string>) => this.#comment(e.detail)}
          ></wx-channels-comments>`
        : null}
      ${this.sharing
        ? html`<div class="share">
            <wx-share-panel
              .card=${{ title: this.sharing.title, path: '', imageUrl: this.sharing.coverUrl, appName: `${this.lang === 'zh' ? '视频号' : 'Channels'} · ${this.sharing.nickname}` }}
              .conversations=${this.conversations}
              .people=${this.people}
              .lang=${this.lang}
              @wx-share-done=${(e: CustomEvent<Conversation | null>) => this.#shareTo(e.detail)}
            ></wx-share-panel>
          </div>`
        : null}
      ${this.notice ? html`<div class="notice" role="alert">${this.notice}</div>` : null}`
  }

  #screen(s: Screen) {
    if (s.kind === 'feed') return this.#feed()
    if (s.kind === 'video')
      return html`<wx-channels-video .video=${s.video} .lang=${this.lang}></wx-channels-video>${this.#backBar()}`
    if (s.kind === 'profile')
      return html`<wx-channels-profile .profile=${s.profile} .lang=${this.lang} @wx-profile-action=${this.#profileAction}></wx-channels-profile>`
    return html`<wx-channels-live
      .live=${s.live}
      .lang=${this.lang}
      .chat=${this.liveChat}
      .followed=${s.followed}
      @wx-live-follow=${() => this.#followLive(s.live)}
      @wx-live-product=${(e: CustomEvent<{ productId: string }>) => this.#tapLive(s.live, e.detail.productId)}
      @wx-live-leave=${() => this.#leaveLive(s.live)}
    ></wx-channels-live>`
  }

  #feed() {
    const zh = this.lang === 'zh'
    const empty = this.tab === 'following' ? (zh ? '关注的视频号发布的视频会出现在这里' : 'Videos from accounts you follow show up here') : this.tab === 'friends' ? (zh ? '朋友赞过的视频会出现在这里' : 'Videos your friends liked show up here') : zh ? '暂无视频' : 'No videos yet'
    return html`<div class="topbar">
        <button aria-label="Back" @click=${this.#back}>${g('back', 24)}</button>
        <div class="tabs" role="tablist">
          ${TABS.map((t) => html`<button role="tab" aria-selected=${this.tab === t.tab} @click=${() => this.#switchTab(t.tab)}>${zh ? t.zh : t.en}</button>`)}
        </div>
        <div class="icons"><button aria-label="Search">${g('search', 22)}</button></div>
      </div>
      <div class="feed" @scrollend=${this.#scrolled}>
        ${this.videos.map((v) => html`<wx-channels-video .video=${v} .lang=${this.lang}></wx-channels-video>`)}
      </div>
      ${this.loaded && !this.videos.length ? html`<div class="empty">${empty}</div>` : null}`
  }

  #backBar() {
    return html`<div class="topbar"><button aria-label="Back" @click=${this.#back}>${g('back', 24)}</button></div>`
  }

  async #switchTab(tab: FeedTab) {
    this.tab = tab
    await this.#loadFeed()
  }

  #back = () => {
    const top = this.stack.at(-1)
    if (top?.kind === 'live') void channels.leave(this.person, top.live.liveId).catch(() => undefined)
    this.stack = this.stack.slice(0, -1)
    if (!this.stack.length) this.dispatchEvent(new CustomEvent('wx-channels-close', { bubbles: true, composed: true }))
  }

  /** Every copy of a video (feed, opened video, profile grid) takes its new state. */
  #replace(next: Video) {
    const swap = (v: Video) => (v.feedId === next.feedId ? { ...v, ...next, likedBy: v.likedBy, followed: next.followed } : v)
    this.videos = this.videos.map(swap)
    this.stack = this.stack.map((s) => (s.kind === 'video' ? { ...s, video: swap(s.video) } : s.kind === 'profile' ? { ...s, profile: { ...s.profile, videos: s.profile.videos.map(swap) } } : s))
  }

  #videoAction = async (e: CustomEvent<{ action: VideoAction; video: Video }>) => {
    const { action, video } = e.detail
    try {
      if (action === 'like') this.#replace(await channels.like(this.person, video.feedId, !video.liked))
      else if (action === 'comment') {
        this.comments = await channels.comments(video.feedId)
        this.commenting = video
      } else if (action === 'share') this.sharing = video
      else if (action === 'follow') {
        await channels.follow(this.person, video.finderUserName, true)
        this.videos = this.videos.map((v) => (v.finderUserName === video.finderUserName ? { ...v, followed: true } : v))
        this.#notify(this.lang === 'zh' ? '已关注' : 'Following')
      } else if (action === 'live' && video.live) await this.#openLive(video.live.liveId)
      else this.stack = [...this.stack, { kind: 'profile', profile: await channels.profile(this.person, video.finderUserName) }]
    } catch (err) {
      this.#notify((err as Error).message)
    }
  }

  #videoOpen = async (e: CustomEvent<{ video: Video; productId?: string }>) => {
    const top = this.stack.at(-1)
    const shareId = top?.kind === 'video' && top.video.feedId === e.detail.video.feedId ? top.shareId : undefined
    await this.#launch(channels.openVideoLink(this.person, e.detail.video.feedId, { productId: e.detail.productId, shareId }))
  }

  #profileAction = async (e: CustomEvent<{ action: string; id?: string }>) => {
    const top = this.stack.at(-1)
    if (top?.kind !== 'profile') return
    const p = top.profile
    const { action, id } = e.detail
    if (action === 'back') return this.#back()
    if (action === 'follow') {
      await channels.follow(this.person, p.finderUserName, !p.followed)
      const profile = await channels.profile(this.person, p.finderUserName)
      this.stack = [...this.stack.slice(0, -1), { kind: 'profile', profile }]
    } else if (action === 'live' && p.live) await this.#openLive(p.live.liveId)
    else if (action === 'video') {
      const video = p.videos.find((v) => v.feedId === id)
      if (video) {
        this.stack = [...this.stack, { kind: 'video', video }]
        this.#viewed(video.feedId, 'profile')
      }
    } else if (action === 'shop') await this.#launch(channels.openShop(this.person, p.finderUserName, { tab: 'shop' }))
    else if (action === 'goods') await this.#launch(channels.openShop(this.person, p.finderUserName, { tab: 'goods', productId: id }))
  }

  async #openLive(liveId: string) {
    const live = await channels.join(this.person, liveId)
    const { followed } = await channels.profile(this.person, live.finderUserName)
    this.liveChat = [{ name: this.lang === 'zh' ? '系统' : 'Channels', text: this.lang === 'zh' ? '欢迎来到直播间' : 'Welcome to the live room' }]
    this.stack = [...this.stack, { kind: 'live', live, followed }]
  }

  async #followLive(live: Live) {
    await channels.follow(this.person, live.finderUserName, true)
    this.stack = this.stack.map((s) => (s.kind === 'live' && s.live.liveId === live.liveId ? { ...s, followed: true } : s))
    this.videos = this.videos.map((v) => (v.finderUserName === live.finderUserName ? { ...v, followed: true } : v))
  }

  async #tapLive(live: Live, productId: string) {
    await this.#launch(channels.tapProduct(this.person, live.liveId, productId))
  }

  #leaveLive(live: Live) {
    void live
    this.#back()
  }

  async #launch(p: Promise<LaunchResult>) {
    try {
      const launched = await p
      this.dispatchEvent(new CustomEvent('wx-launched', { detail: launched, bubbles: true, composed: true }))
    } catch (err) {
      this.#notify((err as Error).message)
    }
  }

  async #comment(text: string) {
    const video = this.commenting
    if (!video) return
    await channels.comment(this.person, video.feedId, text)
    this.comments = await channels.comments(video.feedId)
    this.#replace({ ...video, comments: this.comments.length })
  }

  async #shareTo(to: Conversation | null) {
    const video = this.sharing
    this.sharing = null
    if (!video || !to) return
    await channels.share(this.person, to.kind === 'group' ? to.groupId! : to.peer!, video.feedId)
    this.#notify(this.lang === 'zh' ? '已发送' : 'Sent')
  }

  /** The live room follows the platform: viewers coming and going, taps, the end. */
  async #onEvent(e: SandboxEvent) {
    const top = this.stack.at(-1)
    if (e.type === 'world.replaced') return this.dispatchEvent(new CustomEvent('wx-channels-close', { bubbles: true, composed: true }))
    if (top?.kind !== 'live' || e.subject.live !== top.live.liveId) return
    // left elsewhere (a scenario, another tab): the room closes here too
    if (e.type === 'channels.live.left' && e.actor === this.person) {
      this.stack = this.stack.slice(0, -1)
      if (!this.stack.length) this.dispatchEvent(new CustomEvent('wx-channels-close', { bubbles: true, composed: true }))
      return
    }
    const zh = this.lang === 'zh'
    const name = this.people.get(e.actor)?.[zh ? 'nameZh' : 'name'] ?? e.actor
    if (e.type === 'channels.live.joined') this.liveChat = [...this.liveChat, { name, text: zh ? '来了' : 'joined' }]
    if (e.type === 'channels.product.tapped') this.liveChat = [...this.liveChat, { name, text: zh ? `正在去买 ${e.payload.title}` : `is buying ${e.payload.title}` }]
    if (e.type.startsWith('channels.live.')) {
      const live = await channels.live(this.person, top.live.liveId)
      this.stack = this.stack.map((s) => (s.kind === 'live' && s.live.liveId === live.liveId ? { ...s, live } : s))
    }
  }

  #notify(message: string) {
    this.notice = message
    setTimeout(() => (this.notice = ''), 2000)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wx-channels': WxChannels
  }
  interface GlobalEventHandlersEventMap {
    'wx-channels-close': CustomEvent<void>
  }
}
