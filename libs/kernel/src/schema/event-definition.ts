import type { EncodedEvent, JsonObject } from '../json';
import { decodeShape, encodeShape, PayloadError, type Decoded, type Shape } from './fields';

/** A domain event: readonly data with a stable, past-tense type. */
export type DomainEventOf<Type extends string, Payload> = { readonly type: Type } & Payload;

/** Turns an older stored payload into the next version's (v1 → v2 …); the log itself never changes. */
export type Upcaster = (data: JsonObject) => JsonObject;

/**
 * One event type: its stable name, its current schema version and the schema of its payload.
 * `encode` is what goes into the log; `decode` checks what comes out, upcasting older versions.
 */
export interface EventDefinition<Type extends string, S extends Shape> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly shape: S;
  create(payload: Decoded<S>): DomainEventOf<Type, Decoded<S>>;
  encode(event: DomainEventOf<Type, Decoded<S>>): { type: Type; schemaVersion: number; data: JsonObject };
  decode(data: unknown, schemaVersion: number): DomainEventOf<Type, Decoded<S>>;
}

export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? DomainEventOf<T, Decoded<S>> : never;

export function defineEvent<const Type extends string, S extends Shape>(
  type: Type,
  shape: S,
  options: { schemaVersion?: number; upcasters?: Record<number, Upcaster> } = {},
): EventDefinition<Type, S> {
  const schemaVersion = options.schemaVersion ?? 1;
  const upcasters = options.upcasters ?? {};
  return {
    type,
    schemaVersion,
    shape,
    create: (payload) => ({ ...payload, type }),
    encode: (event) => ({ type, schemaVersion, data: encodeShape(shape, event) }),
    decode: (data, storedVersion) => {
      let json = data as JsonObject;
      for (let version = storedVersion; version < schemaVersion; version++) {
        const upcast = upcasters[version];
        if (!upcast) throw new PayloadError(type, `no upcaster from schema version ${version}`);
        json = upcast(json);
      }
      if (storedVersion > schemaVersion) throw new PayloadError(type, `unknown schema version ${storedVersion}`);
      return { ...decodeShape(shape, json, type), type };
    },
  };
}

/** The events of one stream model, by type: decodes what the store returns into domain events. */
export class EventCatalog<E extends { readonly type: string }> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private readonly byType = new Map<string, EventDefinition<string, any>>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(definitions: readonly EventDefinition<string, any>[]) {
    for (const definition of definitions) {
      if (this.byType.has(definition.type)) throw new Error(`event type ${definition.type} defined twice`);
      this.byType.set(definition.type, definition);
    }
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  encode(event: E): EncodedEvent {
    return this.definition(event.type).encode(event);
  }

  decode(recorded: EncodedEvent): E {
    return this.definition(recorded.type).decode(recorded.data, recorded.schemaVersion) as E;
  }

  private definition(type: string) {
    const definition = this.byType.get(type);
    if (!definition) throw new PayloadError(type, 'unknown event type');
    return definition;
  }
}
