/**
 * What people can send besides text: photos from the phone's album and stickers (表情). WeChat has
 * no API for either; the sandbox draws its own (SVG, nothing fetched), so every phone has the same
 * album and sticker panel and a message names a picture the platform serves.
 */

export interface Photo {
  id: string
  title: string
  titleZh: string
  width: number
  height: number
  svg: string
}

export interface Sticker {
  id: string
  name: string
  nameZh: string
  svg: string
}

const svg = (w: number, h: number, body: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${body}</svg>`

const window = (x: number, y: number, lit: boolean) => `<rect x="${x}" y="${y}" width="5" height="7" fill="${lit ? '#ffd98a' : '#2a3350'}"/>`

/** A row of towers with lit windows, placed by a fixed pattern (the same picture every time). */
function skyline() {
  const towers: [number, number, number][] = [
    [0, 250, 60], [55, 200, 48], [98, 230, 40], [136, 170, 56], [300, 190, 52], [348, 150, 44], [388, 215, 60], [444, 180, 56], [496, 235, 44],
  ]
  return towers
    .map(([x, top, w], t) => {
      const windows: string[] = []
      for (let y = top + 10; y < 330; y += 16) for (let wx = x + 6; wx < x + w - 8; wx += 11) windows.push(window(wx, y, (wx * 7 + y * 3 + t) % 5 < 2))
      return `<rect x="${x}" y="${top}" width="${w}" height="${360 - top}" fill="#141a33"/>${windows.join('')}`
    })
    .join('')
}

/** The album every phone has: six photos, drawn. */
export const ALBUM: Photo[] = [
  {
    id: 'latte-art',
    title: 'Latte art',
    titleZh: '拉花拿铁',
    width: 540,
    height: 540,
    svg: svg(
      540,
      540,
      `<defs><linearGradient id="wood" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#8a5a3b"/><stop offset="1" stop-color="#5b3a26"/></linearGradient>
       <radialGradient id="crema" cx=".5" cy=".45" r=".55"><stop offset="0" stop-color="#d9a46c"/><stop offset=".7" stop-color="#a9683a"/><stop offset="1" stop-color="#6e3f1f"/></radialGradient></defs>
       <rect width="540" height="540" fill="url(#wood)"/>
       ${[60, 150, 240, 330, 420].map((y) => `<path d="M0 ${y} C180 ${y + 18} 360 ${y - 18} 540 ${y + 6}" stroke="#4a2f1f" stroke-opacity=".35" stroke-width="3" fill="none"/>`).join('')}
       <ellipse cx="282" cy="290" rx="215" ry="205" fill="#000" opacity=".25"/>
       <circle cx="270" cy="270" r="210" fill="#f4f1ec"/><circle cx="270" cy="270" r="185" fill="#e6e1da"/>
       <path d="M450 235 q70 -5 70 40 q0 45 -70 38" stroke="#f4f1ec" stroke-width="26" fill="none" stroke-linecap="round"/>
       <circle cx="270" cy="270" r="160" fill="#fbfaf8"/><circle cx="270" cy="270" r="140" fill="url(#crema)"/>
       <path d="M270 360 C200 310 180 250 222 222 C248 205 266 220 270 238 C274 220 292 205 318 222 C360 250 340 310 270 360 Z" fill="#fbf3e6"/>
       <path d="M270 360 C240 330 226 300 238 282 C250 300 260 300 270 290 C280 300 290 300 302 282 C314 300 300 330 270 360 Z" fill="#c98b55" opacity=".55"/>
       <rect x="40" y="430" width="120" height="26" rx="13" fill="#c0c0c0" transform="rotate(-30 100 443)"/>`,
    ),
  },
  {
    id: 'bund-night',
    title: 'The Bund at night',
    titleZh: '外滩夜景',
    width: 540,
    height: 405,
    svg: svg(
      540,
      405,
      `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#0b1030"/><stop offset=".75" stop-color="#3b2a5c"/><stop offset="1" stop-color="#a24f6b"/></linearGradient>
       <linearGradient id="river" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2a2046"/><stop offset="1" stop-color="#0a0c1c"/></linearGradient></defs>
       <rect width="540" height="405" fill="url(#sky)"/>
       ${[[40, 40], [120, 70], [200, 30], [470, 60], [520, 25], [400, 35]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="1.6" fill="#fff" opacity=".8"/>`).join('')}
       ${skyline()}
       <rect x="233" y="60" width="6" height="300" fill="#1d2342"/><circle cx="236" cy="140" r="26" fill="#d94a7b"/><circle cx="236" cy="232" r="18" fill="#d94a7b"/><circle cx="236" cy="140" r="26" fill="none" stroke="#ffb3cf" stroke-width="3"/>
       <rect x="210" y="245" width="52" height="115" fill="#141a33"/>
       <rect y="330" width="540" height="75" fill="url(#river)"/>
       ${[60, 150, 236, 330, 420, 500].map((x, i) => `<rect x="${x - 14}" y="${338 + (i % 3) * 12}" width="28" height="3" rx="1.5" fill="${i === 2 ? '#d94a7b' : '#ffd98a'}" opacity=".55"/>`).join('')}`,
    ),
  },
  {
    id: 'brunch',
    title: 'Sunday brunch',
    titleZh: '周日早午餐',
    width: 540,
    height: 405,
    svg: svg(
      540,
      405,
      `<rect width="540" height="405" fill="#e9dcc7"/>
       ${[0, 60, 120, 180, 240, 300, 360].map((y) => `<rect y="${y}" width="540" height="30" fill="#e2d2b8"/>`).join('')}
       <ellipse cx="200" cy="215" rx="150" ry="140" fill="#000" opacity=".12"/><circle cx="190" cy="205" r="145" fill="#fff"/><circle cx="190" cy="205" r="120" fill="#f6f3ee"/>
       <rect x="95" y="150" width="150" height="110" rx="22" fill="#c98a4b" transform="rotate(-8 170 205)"/><rect x="105" y="160" width="130" height="90" rx="18" fill="#e8c18a" transform="rotate(-8 170 205)"/>
       <path d="M110 200 q40 -40 120 -20 q-10 50 -120 20z" fill="#7fa34a" transform="rotate(-8 170 205)"/>
       <ellipse cx="240" cy="255" rx="48" ry="40" fill="#fff"/><circle cx="246" cy="252" r="18" fill="#f2a81d"/>
       <circle cx="430" cy="110" r="70" fill="#fff"/><circle cx="430" cy="110" r="55" fill="#7a4a2a"/><circle cx="430" cy="110" r="40" fill="#b7834f"/>
       <circle cx="440" cy="300" r="55" fill="#fff"/><circle cx="440" cy="300" r="45" fill="#f7d6c7"/>
       ${[[425, 285], [455, 290], [440, 315], [420, 310]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="9" fill="#c72f4b"/>`).join('')}
       <rect x="20" y="330" width="150" height="14" rx="7" fill="#b8b8b8" transform="rotate(12 95 337)"/>`,
    ),
  },
  {
    id: 'sunset-park',
    title: 'Sunset in the park',
    titleZh: '公园日落',
    width: 405,
    height: 540,
    svg: svg(
      405,
      540,
      `<defs><linearGradient id="dusk" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b3a78"/><stop offset=".45" stop-color="#e0627a"/><stop offset=".75" stop-color="#f7a14a"/><stop offset="1" stop-color="#fcd27a"/></linearGradient></defs>
       <rect width="405" height="540" fill="url(#dusk)"/><circle cx="200" cy="330" r="62" fill="#ffe6a3"/><circle cx="200" cy="330" r="90" fill="#ffe6a3" opacity=".25"/>
       <path d="M0 360 Q100 320 200 350 T405 340 V540 H0Z" fill="#3b2745"/><path d="M0 420 Q120 380 260 415 T405 400 V540 H0Z" fill="#24182d"/>
       <rect x="70" y="300" width="8" height="120" fill="#140d1a"/><circle cx="74" cy="290" r="38" fill="#140d1a"/><circle cx="50" cy="315" r="26" fill="#140d1a"/><circle cx="98" cy="312" r="28" fill="#140d1a"/>
       <rect x="320" y="330" width="7" height="90" fill="#140d1a"/><circle cx="323" cy="322" r="30" fill="#140d1a"/><circle cx="342" cy="340" r="20" fill="#140d1a"/>
       <path d="M150 120 l10 6 l10 -6 M230 90 l8 5 l8 -5 M270 140 l7 4 l7 -4" stroke="#1a1530" stroke-width="2.5" fill="none" stroke-linecap="round"/>`,
    ),
  },
  {
    id: 'oolong-tea',
    title: 'Oolong milk tea',
    titleZh: '乌龙奶茶',
    width: 405,
    height: 540,
    svg: svg(
      405,
      540,
      `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#cfe6c8"/><stop offset="1" stop-color="#8dbf88"/></linearGradient>
       <linearGradient id="tea" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e9c89b"/><stop offset="1" stop-color="#b07a45"/></linearGradient></defs>
       <rect width="405" height="540" fill="url(#bg)"/><ellipse cx="205" cy="470" rx="120" ry="20" fill="#000" opacity=".15"/>
       <path d="M110 130 H300 L278 470 H132 Z" fill="#fff" opacity=".5"/><path d="M118 190 H292 L277 462 H133 Z" fill="url(#tea)"/>
       <path d="M118 190 H292 L289 232 Q205 250 121 232 Z" fill="#f4ead8"/>
       ${[[160, 400], [200, 420], [240, 405], [180, 440], [225, 445]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="11" fill="#3a2416"/>`).join('')}
       <rect x="222" y="40" width="16" height="300" rx="8" fill="#2f7d5b" transform="rotate(10 230 190)"/>
       <rect x="100" y="118" width="210" height="20" rx="6" fill="#fff" opacity=".85"/>
       <path d="M40 80 q40 -40 80 0 q-40 30 -80 0z" fill="#4f8f45"/><path d="M320 420 q40 -40 70 0 q-35 30 -70 0z" fill="#4f8f45"/>`,
    ),
  },
  {
    id: 'croissant',
    title: 'Butter croissant',
    titleZh: '黄油可颂',
    width: 540,
    height: 405,
    svg: svg(
      540,
      405,
      `<defs><radialGradient id="warm" cx=".5" cy=".4" r=".8"><stop offset="0" stop-color="#fbe9d0"/><stop offset="1" stop-color="#e2b98a"/></radialGradient>
       <linearGradient id="crust" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e7a54b"/><stop offset="1" stop-color="#a8601f"/></linearGradient></defs>
       <rect width="540" height="405" fill="url(#warm)"/><ellipse cx="275" cy="300" rx="220" ry="40" fill="#000" opacity=".12"/>
       <path d="M70 270 Q120 120 270 110 Q420 120 470 270 Q430 300 400 260 Q380 190 270 180 Q160 190 140 260 Q110 300 70 270Z" fill="url(#crust)"/>
       ${[[150, 200, -35], [205, 160, -15], [270, 150, 0], [335, 160, 15], [390, 200, 35]].map(([x, y, r]) => `<ellipse cx="${x}" cy="${y}" rx="34" ry="62" fill="url(#crust)" stroke="#8d4d17" stroke-width="3" transform="rotate(${r} ${x} ${y})"/>`).join('')}
       ${[[205, 150], [270, 140], [335, 150]].map(([x, y]) => `<ellipse cx="${x - 8}" cy="${y - 20}" rx="8" ry="22" fill="#fff" opacity=".25"/>`).join('')}`,
    ),
  },
]

const face = (body: string, fill = '#ffcb3d') =>
  svg(120, 120, `<circle cx="60" cy="62" r="52" fill="#e0a420"/><circle cx="60" cy="58" r="52" fill="${fill}"/>${body}`)

/** The sticker panel every phone has (动画表情), drawn: big, bubble-less in the chat. */
export const STICKERS: Sticker[] = [
  {
    id: 'smile',
    name: 'Smile',
    nameZh: '微笑',
    svg: face(`<circle cx="42" cy="50" r="6" fill="#5a3a10"/><circle cx="78" cy="50" r="6" fill="#5a3a10"/><path d="M36 74 Q60 96 84 74" stroke="#5a3a10" stroke-width="6" fill="none" stroke-linecap="round"/><circle cx="30" cy="70" r="8" fill="#ff8a7a" opacity=".5"/><circle cx="90" cy="70" r="8" fill="#ff8a7a" opacity=".5"/>`),
  },
  {
    id: 'tears-of-joy',
    name: 'Tears of joy',
    nameZh: '破涕为笑',
    svg: face(`<path d="M32 50 q10 -10 20 0 M68 50 q10 -10 20 0" stroke="#5a3a10" stroke-width="6" fill="none" stroke-linecap="round"/><path d="M30 66 Q60 108 90 66 Z" fill="#5a3a10"/><path d="M38 72 Q60 84 82 72" fill="#fff"/><path d="M22 56 q-12 18 -2 26 q10 -4 8 -20z M98 56 q12 18 2 26 q-10 -4 -8 -20z" fill="#4fb3ff"/>`),
  },
  {
    id: 'heart-eyes',
    name: 'Love it',
    nameZh: '色',
    svg: face(`<path d="M42 58 l-12 -12 a7 7 0 0 1 12 -7 a7 7 0 0 1 12 7z" fill="#ff3b5c"/><path d="M78 58 l-12 -12 a7 7 0 0 1 12 -7 a7 7 0 0 1 12 7z" fill="#ff3b5c"/><path d="M38 74 Q60 96 82 74 Z" fill="#5a3a10"/>`),
  },
  {
    id: 'wow',
    name: 'Wow',
    nameZh: '惊讶',
    svg: face(`<circle cx="42" cy="48" r="8" fill="#fff"/><circle cx="42" cy="48" r="5" fill="#5a3a10"/><circle cx="78" cy="48" r="8" fill="#fff"/><circle cx="78" cy="48" r="5" fill="#5a3a10"/><ellipse cx="60" cy="82" rx="10" ry="14" fill="#5a3a10"/><path d="M32 34 l14 -4 M74 30 l14 4" stroke="#5a3a10" stroke-width="4" stroke-linecap="round"/>`),
  },
  {
    id: 'cry',
    name: 'Cry',
    nameZh: '流泪',
    svg: face(`<path d="M32 52 q10 6 20 0 M68 52 q10 6 20 0" stroke="#5a3a10" stroke-width="6" fill="none" stroke-linecap="round"/><path d="M40 86 Q60 70 80 86" stroke="#5a3a10" stroke-width="6" fill="none" stroke-linecap="round"/><path d="M40 58 q-6 20 0 30 q8 -10 0 -30z M80 58 q-6 20 0 30 q8 -10 0 -30z" fill="#4fb3ff"/>`),
  },
  {
    id: 'thumbs-up',
    name: 'Thumbs up',
    nameZh: '强',
    svg: svg(
      120,
      120,
      `<path d="M30 56 h14 v50 h-14z" fill="#e0a420"/><path d="M46 58 l16 -34 q6 -12 14 -4 q6 6 2 18 l-6 16 h24 q12 2 10 14 l-8 32 q-3 8 -12 8 h-40z" fill="#ffcb3d" stroke="#c98a10" stroke-width="3" stroke-linejoin="round"/><path d="M82 74 h14 M80 88 h14" stroke="#c98a10" stroke-width="3" stroke-linecap="round"/>`,
    ),
  },
  {
    id: 'coffee',
    name: 'Coffee time',
    nameZh: '咖啡',
    svg: svg(
      120,
      120,
      `<ellipse cx="56" cy="104" rx="44" ry="8" fill="#d9d2c7"/><path d="M22 52 h68 l-8 46 q-2 6 -8 6 h-36 q-6 0 -8 -6z" fill="#fff" stroke="#7a4a2a" stroke-width="4"/><path d="M90 60 q20 0 18 16 q-2 14 -22 12" stroke="#7a4a2a" stroke-width="5" fill="none"/><ellipse cx="56" cy="52" rx="34" ry="8" fill="#7a4a2a"/><path d="M56 62 l-9 -9 a5.5 5.5 0 0 1 9 -5 a5.5 5.5 0 0 1 9 5z" fill="#ff3b5c"/><path d="M42 36 q-6 -10 0 -18 M58 34 q-6 -10 0 -20 M74 36 q-6 -10 0 -18" stroke="#b8a99a" stroke-width="4" fill="none" stroke-linecap="round"/>`,
    ),
  },
  {
    id: 'party',
    name: 'Celebrate',
    nameZh: '庆祝',
    svg: svg(
      120,
      120,
      `<path d="M18 108 l26 -70 l44 44z" fill="#ff7a45"/><path d="M26 86 l40 14 M34 64 l36 28" stroke="#ffd33d" stroke-width="6"/><path d="M44 38 l44 44" stroke="#d9562a" stroke-width="4"/>
       ${[[78, 22, '#07c160'], [96, 40, '#ff3b5c'], [100, 16, '#4fb3ff'], [64, 12, '#ffd33d'], [108, 62, '#b57bff']].map(([x, y, c]) => `<rect x="${x}" y="${y}" width="9" height="9" rx="2" fill="${c}" transform="rotate(25 ${x} ${y})"/>`).join('')}
       <path d="M70 44 q10 -16 22 -10 M80 58 q16 -6 22 4" stroke="#ff3b5c" stroke-width="3" fill="none" stroke-linecap="round"/>`,
    ),
  },
]

export const photo = (id: string) => ALBUM.find((p) => p.id === id)
export const sticker = (id: string) => STICKERS.find((s) => s.id === id)

/** Where the platform serves a photo of the album or a sticker (what a message's `url` says). */
export const photoUrl = (id: string) => `/_sandbox/chat/album/${id}.svg`
export const stickerUrl = (id: string) => `/_sandbox/chat/stickers/${id}.svg`
