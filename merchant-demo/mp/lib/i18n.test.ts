import { describe, expect, test } from 'vitest'
import { STRINGS, t } from './i18n'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the store pages’ dictionary', () => {
  test('every key has its English and its Chinese', () => {
    for (const [key, w] of Object.entries(STRINGS)) {
      expect(w.en.trim(), `${key}.en`).not.toBe('')
      expect(w.zh.trim(), `${key}.zh`).not.toBe('')
    }
  })

  test('the Chinese of a sentence is Chinese, not the English again', () => {
    // prices, numbers and names go in through {placeholders}; what is left must hold a CJK character
    const untranslated = Object.entries(STRINGS).filter(([, w]) => !/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(w.zh.replace(/\{\w+\}/g, '')) && w.zh.replace(/\{\w+\}/g, '').replace(/[\s·+.,]/g, '') !== '')
    expect(untranslated.map(([k]) => k)).toEqual([])
  })

  test('both languages fill the same placeholders', () => {
    for (const [key, w] of Object.entries(STRINGS)) expect(placeholders(w.zh), key).toEqual(placeholders(w.en))
  })

  test('fills placeholders and keeps numbers and prices as written', () => {
    expect(t('pay', { amount: '¥28.00' }, 'en')).toBe('Pay ¥28.00')
    expect(t('pay', { amount: '¥28.00' }, 'zh')).toBe('支付 ¥28.00')
    expect(t('items', { n: 3 }, 'zh')).toBe('3 件')
    expect(t('table', { table: 12 }, 'en')).toBe('Table 12')
  })
})
