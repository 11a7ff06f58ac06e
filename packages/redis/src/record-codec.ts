import type { SessionRecord } from '@livepush/auth-core/server';
import type { RecordCipher } from './record-cipher';

/** Turns session records into the strings kept in Redis and back. */
export interface RecordCodec {
  encode(id: string, record: SessionRecord): Promise<string>;
  /** The record, or `null` for a value this store cannot read (wrong key, tampered, not a record). */
  decode(id: string, value: string): Promise<SessionRecord | null>;
}

/** Just enough shape to hand the core a record it can inspect; the core validates the rest. */
function looksLikeRecord(value: unknown): value is SessionRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<SessionRecord>;
  return record.v === 1 && typeof record.tokens === 'object' && record.tokens !== null;
}

/** JSON, encrypted when a cipher is given. */
export function createRecordCodec(cipher: RecordCipher | undefined): RecordCodec {
  return {
    async encode(id, record) {
      const json = JSON.stringify(record);
      return cipher ? cipher.encrypt(id, json) : json;
    },
    async decode(id, value) {
      const json = cipher ? await cipher.decrypt(id, value) : value;
      if (json === null) return null;
      try {
        const parsed: unknown = JSON.parse(json);
        return looksLikeRecord(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
  };
}
