/** Redis Cluster's number of hash slots. */
const SLOTS = 16_384;

/** CRC-16/XMODEM (polynomial 0x1021, initial value 0), the checksum Redis Cluster hashes keys with. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

/**
 * The hash slot of `key` in a Redis Cluster: only the part between the first `{` and the next `}` is
 * hashed when that part is not empty (a hash tag), else the whole key.
 */
export function slotOf(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return crc16(Buffer.from(key.slice(open + 1, close))) % SLOTS;
  }
  return crc16(Buffer.from(key)) % SLOTS;
}
