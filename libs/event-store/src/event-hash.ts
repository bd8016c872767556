import { hash } from 'node:crypto';
import type { ChainLink, EventMetadata, NewEvent, RecordedEvent } from './event-store.port';

/**
 * Tamper evidence, part one: each event's content hash, and the chain hash that links it to the
 * previous event of its stream. Written here once and used both when appending and when verifying.
 *
 *   content = sha256(canonical JSON of ["ledger-event/v1", id, stream, type, schema version,
 *                    business time, data, actor, role, correlation, causation, idempotency key])
 *   chain   = sha256("<previous chain hash or 'genesis'>|<revision>|<position>|<recorded at>|<content>")
 *
 * The chain input holds only hex, digits and an ISO timestamp, so it cannot be ambiguous; the SQL
 * function `ledger_append` computes the chain with the same formula.
 */
export function eventContentHash(streamId: string, event: NewEvent): string {
  return contentHashOf({
    id: event.id,
    streamId,
    type: event.type,
    schemaVersion: json(event.schemaVersion),
    businessTime: event.businessTime.toISOString(),
    canonicalData: canonicalJson(event.data),
    metadata: event.metadata,
  });
}

/** An event's content as hashed, with its schema version, business time and data already in text. */
export interface HashedContent {
  readonly id: string;
  readonly streamId: string;
  readonly type: string;
  /** As JSON writes the number. */
  readonly schemaVersion: string;
  /** ISO 8601, as `Date.toISOString` writes it. */
  readonly businessTime: string;
  /** `canonicalJson(data)`. */
  readonly canonicalData: string;
  readonly metadata: EventMetadata;
}

/**
 * The content hash from parts already in their hashed text: the canonical JSON of the array
 * above, written out directly (a reader of the log need not build the event to check it).
 */
export function contentHashOf(content: HashedContent): string {
  const { metadata } = content;
  return sha256(
    `["ledger-event/v1",${json(content.id.toLowerCase())},${json(content.streamId)},${json(content.type)},` +
      `${content.schemaVersion},${json(content.businessTime)},${content.canonicalData},${json(metadata.actor)},` +
      `${json(metadata.role)},${json(metadata.correlationId)},${json(metadata.causationId)},` +
      `${json(metadata.idempotencyKey)}]`,
  );
}

export function eventChainHash(
  previousChainHash: string | null,
  revision: bigint,
  position: bigint,
  recordedAt: Date,
  contentHash: string,
): string {
  return chainHashOf(previousChainHash, revision, position, recordedAt.toISOString(), contentHash);
}

/** The chain hash with the recording time already in ISO 8601. */
export function chainHashOf(
  previousChainHash: string | null,
  revision: bigint,
  position: bigint,
  recordedAt: string,
  contentHash: string,
): string {
  return sha256(`${previousChainHash ?? 'genesis'}|${revision}|${position}|${recordedAt}|${contentHash}`);
}

/**
 * The chain that links an event to the previous one of its stream where the store assigns the
 * position and the recording time only after the event is hashed (KurrentDB): written by the
 * adapter into the event's metadata when it appends, sha256("<previous chain or 'genesis'>|
 * <revision>|<content hash>"). Per stream only: there is no global chain on such a store.
 */
export function streamChainHashOf(previousChain: string | null, revision: bigint, contentHash: string): string {
  return sha256(`${previousChain ?? 'genesis'}|${revision}|${contentHash}`);
}

/** What verification needs of a recorded event (for stores that offer no faster way to it). */
export function chainLinkOf(event: RecordedEvent): ChainLink {
  return {
    position: event.position,
    streamId: event.streamId,
    revision: event.revision,
    eventId: event.id,
    recordedAt: event.recordedAt.toISOString(),
    recordedAtMs: event.recordedAt.getTime(),
    hash: event.hash,
    contentHash: eventContentHash(event.streamId, event),
  };
}

/** JSON with object keys sorted at every level, no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * `canonicalJson(JSON.parse(text))`, without building the value. Fast for the text PostgreSQL
 * writes a jsonb value in (`{"b": 1, "a": [true, "x"]}`: ", " and ": " between tokens, strings
 * escaped as JSON.stringify escapes them): keys are re-ordered and numbers re-written as
 * JavaScript writes them, the rest is copied. Any other text is parsed and serialised.
 */
export function canonicalJsonOfText(text: string): string {
  const scanner = new CanonicalScanner(text);
  const canonical = scanner.document();
  return canonical ?? canonicalJson(JSON.parse(text));
}

/** One element of the hashed array, as `canonicalJson` writes a string, a number or nothing. */
function json(value: string | number | null | undefined): string {
  return JSON.stringify(value ?? null);
}

function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Thrown inside the scanner when the text is not in the layout it knows: the caller parses instead. */
const UNKNOWN_LAYOUT = Symbol('unknown layout');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
/** Integers JavaScript writes back unchanged (up to 15 digits, so exact; not "-0"). */
const PLAIN_INTEGER = /^(?:0|-?[1-9][0-9]{0,14})$/;
const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
/** The only \u escapes JSON.stringify writes: control characters without a short form. */
const CONTROL_ESCAPE = /^00(?:0[0-7bef]|1[0-9a-f])$/;

class CanonicalScanner {
  private at = 0;

  constructor(private readonly text: string) {}

  /** The canonical text, or null when the text is not in the layout this scanner knows. */
  document(): string | null {
    try {
      const canonical = this.value();
      return this.at === this.text.length ? canonical : null;
    } catch (error) {
      if (error === UNKNOWN_LAYOUT) return null;
      throw error;
    }
  }

  private value(): string {
    const code = this.text.charCodeAt(this.at);
    if (code === QUOTE) return this.string();
    if (code === OPEN_BRACE) return this.object();
    if (code === OPEN_BRACKET) return this.array();
    return this.scalar();
  }

  /** A string token, copied: the scanner accepts only the escapes JSON.stringify itself writes. */
  private string(): string {
    const { text } = this;
    const start = this.at;
    let i = start + 1;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        const escaped = text.charCodeAt(i + 1);
        if (escaped === 0x75) {
          if (!CONTROL_ESCAPE.test(text.slice(i + 2, i + 6))) throw UNKNOWN_LAYOUT;
          i += 6;
        } else if (
          escaped === QUOTE ||
          escaped === BACKSLASH ||
          escaped === 0x62 ||
          escaped === 0x66 ||
          escaped === 0x6e ||
          escaped === 0x72 ||
          escaped === 0x74
        ) {
          i += 2;
        } else {
          throw UNKNOWN_LAYOUT;
        }
      } else if (code >= SPACE && (code < 0xd800 || code > 0xdfff)) {
        i += 1;
      } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
        i += 2; // a pair: JSON.stringify leaves it as it is
      } else {
        throw UNKNOWN_LAYOUT; // the end of the text, a raw control character or a lone surrogate
      }
    }
    this.at = i + 1;
    return text.slice(start, this.at);
  }

  private scalar(): string {
    const { text } = this;
    let i = this.at;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || Number.isNaN(code)) break;
      i += 1;
    }
    const token = text.slice(this.at, i);
    this.at = i;
    if (token === 'true' || token === 'false' || token === 'null' || PLAIN_INTEGER.test(token)) return token;
    if (!JSON_NUMBER.test(token)) throw UNKNOWN_LAYOUT;
    const number = Number(token);
    return Number.isFinite(number) ? String(number) : 'null';
  }

  private array(): string {
    this.at += 1;
    if (this.text.charCodeAt(this.at) === CLOSE_BRACKET) {
      this.at += 1;
      return '[]';
    }
    let canonical = '[';
    for (;;) {
      canonical += this.value();
      if (this.closes(CLOSE_BRACKET)) return `${canonical}]`;
      canonical += ',';
    }
  }

  /** Members sorted by key as `Array.prototype.sort` sorts strings (UTF-16 code units). */
  private object(): string {
    const { text } = this;
    this.at += 1;
    if (text.charCodeAt(this.at) === CLOSE_BRACE) {
      this.at += 1;
      return '{}';
    }
    const keys: string[] = [];
    const members: string[] = [];
    for (;;) {
      if (text.charCodeAt(this.at) !== QUOTE) throw UNKNOWN_LAYOUT;
      const keyToken = this.string();
      if (text.charCodeAt(this.at) !== COLON || text.charCodeAt(this.at + 1) !== SPACE) throw UNKNOWN_LAYOUT;
      this.at += 2;
      const key = keyToken.includes('\\') ? (JSON.parse(keyToken) as string) : keyToken.slice(1, -1);
      const member = `${keyToken}:${this.value()}`;
      let slot = keys.length;
      while (slot > 0 && keys[slot - 1] > key) {
        keys[slot] = keys[slot - 1];
        members[slot] = members[slot - 1];
        slot -= 1;
      }
      if (slot > 0 && keys[slot - 1] === key) throw UNKNOWN_LAYOUT; // a repeated key: JSON.parse keeps the last
      keys[slot] = key;
      members[slot] = member;
      if (this.closes(CLOSE_BRACE)) return `{${members.join(',')}}`;
    }
  }

  /** After a value: true at the closing character, false after ", ". */
  private closes(closing: number): boolean {
    const code = this.text.charCodeAt(this.at);
    if (code === closing) {
      this.at += 1;
      return true;
    }
    if (code !== COMMA || this.text.charCodeAt(this.at + 1) !== SPACE) throw UNKNOWN_LAYOUT;
    this.at += 2;
    return false;
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
