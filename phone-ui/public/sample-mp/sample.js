// The sample mini program's page script: exercises the wx API and logs every result.
const log = (label, value) => {
  const el = document.getElementById('log')
  el.textContent = `${label}: ${JSON.stringify(value)}\n` + el.textContent
}
const call = (name, options = {}) => wx[name](options).then((r) => (log(name, r), r), (e) => (log(name, e), Promise.reject(e)))

const launch = wx.getLaunchOptionsSync()
const show = (id, value) => (document.getElementById(id).textContent = value ?? '—')
show('scene', String(launch.scene))
show('path', launch.path)
show('query', JSON.stringify(launch.query))
show('ticket', launch.shareTicket)
// WeChat hands query values over as they were written (not decoded); pass them on the same way
const rawQuery = Object.entries(launch.query).map(([k, v]) => `${k}=${v}`).join('&')
wx.onShareAppMessage(() => ({ title: document.body.dataset.shareTitle, path: `pages/index/index${rawQuery ? `?${rawQuery}` : ''}` }))

const actions = {
  login: () => call('login'),
  pay: async () => {
    const merchant = launch.query.merchant && decodeURIComponent(launch.query.merchant)
    if (!merchant) return wx.showModal({ title: 'No merchant', content: 'Open this page with ?merchant=<url> to buy.', showCancel: false })
    const { code } = await call('login')
    const res = await fetch(`${merchant}/order`, { method: 'POST', body: JSON.stringify({ code, item: launch.query.item ?? 'latte' }) })
    const params = await res.json()
    log('order', params)
    try {
      await call('requestPayment', params)
      wx.showToast({ title: 'Paid' })
      document.getElementById('status').textContent = 'Paid ✓'
    } catch (e) {
      document.getElementById('status').textContent = e.errMsg
    }
  },
  card: async () => {
    const merchant = launch.query.merchant && decodeURIComponent(launch.query.merchant)
    if (!merchant) return wx.showModal({ title: 'No merchant', content: 'Open this page with ?merchant=<url> to get a card.', showCancel: false })
    const { cardList } = await (await fetch(`${merchant}/card`, { method: 'POST', body: '{}' })).json()
    await call('addCard', { cardList })
  },
  subscribe: () => call('requestSubscribeMessage', { tmplIds: (launch.query.tmpl ?? '').split(',').filter(Boolean) }),
  toast: () => call('showToast', { title: 'Added to cart' }),
  modal: () => call('showModal', { title: 'Sample', content: 'A modal from the mini program.' }),
  loading: async () => {
    await call('showLoading', { title: 'Loading' })
    setTimeout(() => wx.hideLoading(), 800)
  },
  storage: async () => {
    wx.setStorageSync('visits', (Number(wx.getStorageSync('visits')) || 0) + 1)
    await call('getStorage', { key: 'visits' })
  },
  detail: () => call('navigateTo', { url: '/pages/detail/detail?id=42' }),
  system: () => call('getSystemInfo'),
  phone: () => call('makePhoneCall', { phoneNumber: '400-820-8820' }).catch(() => undefined),
  unknown: () => wx.getSystemInfo({ fail: (e) => log('callback fail', e), success: (r) => log('callback success', r.platform) }),
}
for (const [name, run] of Object.entries(actions)) document.getElementById(name)?.addEventListener('click', () => run().catch(() => undefined))
