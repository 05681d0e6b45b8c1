import type { BrandKit, Product } from './brand'
import { ApiError } from './errors'

export interface PricedLine {
  product: Product
  /** `{optionId: choiceId}` with every option of the product filled in */
  options: Record<string, string>
  /** `[{option, choice}]` display names, in the product's option order */
  labels: { option: string; choice: string }[]
  unitPrice: number
}

/** The catalog of a brand kit: products by id and the price of a configured product. */
export class Catalog {
  readonly #products: Map<string, Product>
  constructor(readonly kit: BrandKit) {
    this.#products = new Map(kit.products.map((p) => [p.id, p]))
  }

  product(id: string): Product {
    const p = this.#products.get(id)
    if (!p) throw new ApiError(404, 'unknown_product', `no product "${id}"`, 'productId')
    return p
  }

  /** Fills in defaults, rejects unknown options and choices, and prices the line in fen. */
  price(productId: string, chosen: Record<string, string> = {}): PricedLine {
    const product = this.product(productId)
    for (const key of Object.keys(chosen))
      if (!product.options.some((o) => o.id === key)) throw new ApiError(400, 'unknown_option', `${product.name} has no option "${key}"`, `options.${key}`)
    const options: Record<string, string> = {}
    const labels: PricedLine['labels'] = []
    let unitPrice = product.price
    for (const option of product.options) {
      const choiceId = chosen[option.id] ?? option.default
      const choice = option.choices.find((c) => c.id === choiceId)
      if (!choice) throw new ApiError(400, 'unknown_choice', `${option.name} has no choice "${choiceId}"`, `options.${option.id}`)
      options[option.id] = choice.id
      labels.push({ option: option.name, choice: choice.name })
      unitPrice += choice.priceDelta
    }
    return { product, options, labels, unitPrice }
  }

  /** The member level reached with this lifetime spend (levels are ordered by minSpend). */
  level(lifetimeSpend: number) {
    const levels = [...this.kit.loyalty.levels].sort((a, b) => a.minSpend - b.minSpend)
    const index = levels.findLastIndex((l) => l.minSpend <= lifetimeSpend)
    return { name: levels[index].name, next: levels[index + 1] ? { name: levels[index + 1].name, spendToGo: levels[index + 1].minSpend - lifetimeSpend } : null }
  }

  /** Points for a payment: `pointsPerYuan` for every whole yuan. */
  pointsFor(totalFen: number) {
    return Math.floor(totalFen / 100) * this.kit.loyalty.pointsPerYuan
  }
}
