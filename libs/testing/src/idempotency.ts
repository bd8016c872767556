import { randomUUID } from 'node:crypto';

/**
 * A fresh `Idempotency-Key` header, which every command (POST, PUT, DELETE) needs:
 * `request(server).post(path).set(principals.admin).set(newKey()).send(body)`.
 */
export function newKey(): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': randomUUID() };
}
