import type { Platform } from '../platform'

/** `GET /_sandbox/world`: the brand, its apps' names, the scanner's posters, and the worlds a switch can go to. */
export function worldView(platform: Platform) {
  const { world, catalog } = platform
  return {
    brand: world.brand,
    miniProgram: world.miniProgram,
    officialAccount: world.officialAccount,
    channels: world.channels,
    pay: world.pay,
    wecom: { corpName: world.wecom.corpName, agentName: world.wecom.agentName, consultants: world.wecom.consultants.map((s) => ({ userid: s.userid, name: s.name, nameZh: s.nameZh ?? s.name, position: s.position })) },
    people: world.cast.map((p) => p.id),
    posters: world.posters.map((p) => ({ ...p, url: `/_sandbox/qr/posters/${p.kind}?${new URLSearchParams(p.query)}` })),
    kit: catalog?.current() ?? null,
    worlds: catalog?.list() ?? [],
  }
}

export type WorldView = ReturnType<typeof worldView>
