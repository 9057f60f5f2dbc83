// IP address literals as event-ruler's CIDR class reads them: an IPv4 dotted quad of decimal
// octets (regex [0-9]+\.[0-9]+\.[0-9]+\.[0-9]+, so 010.0.0.1 is 10.0.0.1, not octal) or an IPv6
// literal (regex [0-9a-fA-F:]*:[0-9a-fA-F:]*), parsed by Java's InetAddress. An IPv4-mapped IPv6
// literal (::ffff:a00:1) comes back from InetAddress as the IPv4 address.
import { reasons } from './errors.js';

export interface IpAddress {
  readonly v6: boolean;
  readonly value: bigint;
}

const V4 = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const V6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

export function looksLikeIp(s: string): boolean {
  return V4.test(s) || V6.test(s);
}

/** Parses an IP literal; undefined when the text is not one. */
export function parseIp(s: string): IpAddress | undefined {
  if (V4.test(s)) {
    let v = 0n;
    for (const part of s.split('.')) {
      if (part.length > 10) return undefined;
      const n = Number(part);
      if (n > 255) return undefined;
      v = (v << 8n) | BigInt(n);
    }
    return { v6: false, value: v };
  }
  if (!V6.test(s)) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] | undefined => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...Array<string>(8 - total).fill('0'), ...tail];
  let v = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (v >> 32n === 0xffffn) return { v6: false, value: v & 0xffffffffn };
  return { v6: true, value: v };
}

export interface IpRange {
  readonly v6: boolean;
  readonly lo: bigint;
  readonly hi: bigint;
}

/** A `cidr` operand as a range; throws the reason text event-ruler's CIDR.cidr() gives. */
export function parseCidr(cidr: string): IpRange {
  // Java's String.split drops trailing empty fields: "10.0.0.0/" has one field, "/8" has two.
  const fields = cidr.split('/');
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  if (fields.length !== 2) throw new Error(reasons.cidrOneSlash);
  const [addr = '', maskText = ''] = fields;
  // Integer.parseInt: optional sign, ASCII digits, 32-bit range.
  if (!/^[+-]?\d+$/.test(maskText)) throw new Error(reasons.cidrMaskInteger);
  const mask = Number(maskText);
  if (mask > 2147483647 || mask < -2147483648) throw new Error(reasons.cidrMaskInteger);
  if (mask < 0) throw new Error(reasons.cidrMaskNegative);
  if (!looksLikeIp(addr)) throw new Error(reasons.nonstandardIp(addr));
  const ip = parseIp(addr);
  if (!ip) throw new Error(reasons.invalidIp(addr));
  const width = ip.v6 ? 128 : 32;
  if (mask > width - 1) throw new Error(ip.v6 ? reasons.ipv6MaskTooBig : reasons.ipv4MaskTooBig);
  // The host bits are ignored: 10.0.0.5/24 is the 10.0.0.0/24 block (event-ruler computes both
  // the bottom and the top address from the mask).
  const hostBits = BigInt(width - mask);
  const hostMask = (1n << hostBits) - 1n;
  return { v6: ip.v6, lo: ip.value & ~hostMask, hi: ip.value | hostMask };
}
