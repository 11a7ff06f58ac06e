import { LivepushAuthError } from '@livepush/auth-core';
import type { SessionRecord } from '@livepush/auth-core/server';
import type { RecordCipher } from './record-cipher';
import type { Reporter } from './reporter';

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

function parse(json: string): SessionRecord | null {
  try {
    const parsed: unknown = JSON.parse(json);
    return looksLikeRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** A record in clear is JSON; an encrypted one is `e1.<key id>.<data>`. */
const isPlain = (value: string) => value.startsWith('{');
const isEncrypted = (value: string) => value.startsWith('e1.');

/**
 * JSON, encrypted when a cipher is given. A value of the other kind reads as no session — unless it is
 * plaintext and `readPlaintext` (a migration to encryption) — and is reported once, saying what to set.
 */
export function createRecordCodec(
  cipher: RecordCipher | undefined,
  readPlaintext: boolean,
  reporter: Reporter,
): RecordCodec {
  const mismatch = (kind: string, message: string) => {
    reporter.report(kind, new LivepushAuthError('invalid_config', message));
    return null;
  };
  return {
    async encode(id, record) {
      const json = JSON.stringify(record);
      return cipher ? cipher.encrypt(id, json) : json;
    },
    async decode(id, value) {
      if (!cipher) {
        if (isEncrypted(value))
          return mismatch(
            'encrypted-record',
            'createRedisStore(): found a record encrypted at rest, but this store has encrypt: false; it reads as no session. Pass the encrypt.secret it was written with.',
          );
        return parse(value);
      }
      if (isPlain(value)) {
        if (readPlaintext) return parse(value);
        return mismatch(
          'plaintext-record',
          'createRedisStore(): found a record stored in clear (written without encrypt); it reads as no session. While such records live, pass encrypt: { secret, readPlaintext: true }.',
        );
      }
      const json = await cipher.decrypt(id, value);
      return json === null ? null : parse(json);
    },
  };
}
