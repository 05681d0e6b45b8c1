import { createHash } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import type { Platform } from '../../platform'
import { payBills, payWallets, type PayMethod } from './schema'

export type Wallet = typeof payWallets.$inferSelect
export type Bill = typeof payBills.$inferSelect

/** Every person's payment password until they change it. */
export const DEFAULT_PAYMENT_PASSWORD = '123456'

/**
 * A new person's wallet row: an opening balance, the default payment password and a debit card
 * whose last four digits are derived from the person id (stable across resets).
 */
export function newWallet(personId: string, balance: number, now: number): typeof payWallets.$inferInsert {
  const digest = createHash('sha256').update(`card:${personId}`).digest()
  const cardTail = String(digest.readUInt32BE(0) % 10_000).padStart(4, '0')
  return {
    personId,
    balance,
    updatedAt: now,
    paymentPassword: DEFAULT_PAYMENT_PASSWORD,
    cardBank: '招商银行',
    cardBankType: 'CMB_DEBIT',
    cardTail,
  }
}

/** The card as WeChat names it on a refund: 招商银行储蓄卡0403. */
export function cardName(w: Pick<Wallet, 'cardBank' | 'cardBankType' | 'cardTail'>) {
  return `${w.cardBank}${w.cardBankType.endsWith('_CREDIT') ? '信用卡' : '储蓄卡'}${w.cardTail}`
}

/** Where money paid with `method` goes back to, as `user_received_account` says it. */
export const receivedAccount = (w: Wallet, method: PayMethod) => (method === 'balance' ? '支付用户零钱' : cardName(w))

export async function findWallet(platform: Platform, personId: string) {
  const [row] = await platform.db.select().from(payWallets).where(eq(payWallets.personId, personId))
  return row
}

/** Sets a person's balance and/or payment password (control API). */
export async function updateWallet(platform: Platform, personId: string, set: { balance?: number; paymentPassword?: string }) {
  const [row] = await platform.db
    .update(payWallets)
    .set({ ...set, updatedAt: platform.clock.now() })
    .where(eq(payWallets.personId, personId))
    .returning()
  return row
}

export function walletView(w: Wallet) {
  return {
    balance: w.balance,
    card: { bank: w.cardBank, bankType: w.cardBankType, tail: w.cardTail, name: cardName(w) },
    updatedAt: new Date(w.updatedAt).toISOString(),
  }
}

/** A person's bills, newest first. */
export async function listBills(platform: Platform, personId: string, kind?: Bill['kind']) {
  const rows = await platform.db
    .select()
    .from(payBills)
    .where(and(eq(payBills.personId, personId), kind ? eq(payBills.kind, kind) : undefined))
    .orderBy(desc(payBills.at), desc(payBills.id))
  return rows.map((b) => ({
    kind: b.kind,
    amount: b.amount,
    method: b.method,
    mchid: b.mchid,
    merchantName: b.merchantName,
    description: b.description,
    outTradeNo: b.outTradeNo,
    transactionId: b.transactionId,
    refundId: b.refundId,
    at: new Date(b.at).toISOString(),
  }))
}
