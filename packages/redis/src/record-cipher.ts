import { createSealer } from '@livepush/auth-core/server';

/** Encrypts record text at rest with AES-256-GCM; the record's id is bound in as associated data. */
export interface RecordCipher {
  /** `e1.<key id>.<base64url(iv ‖ ciphertext ‖ tag)>`, under the first secret. */
  encrypt(id: string, plaintext: string): Promise<string>;
  /** The plaintext, or `null` for anything wrong: not ours, unknown key, tampered, moved to another id. */
  decrypt(id: string, value: string): Promise<string | null>;
}

/**
 * Creates a cipher on the core's sealer, in its own key domain: the same secret never gives the key
 * that seals cookies. The first secret encrypts; every secret decrypts.
 */
export function createRecordCipher(secrets: readonly string[]): RecordCipher {
  const sealer = createSealer(secrets, { domain: 'livepush-auth-redis', version: 'e1' });
  return {
    encrypt: (id, plaintext) => sealer.seal(id, plaintext),
    async decrypt(id, value) {
      const opened = await sealer.open(id, value);
      return typeof opened === 'string' ? opened : null;
    },
  };
}
