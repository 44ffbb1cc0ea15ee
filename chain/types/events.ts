// Cosmos-style events: a type and string attributes, all marked for indexing, so tx_search and CosmJS read them.
import type { Event } from 'cosmjs-types/tendermint/abci/types';

export type Attrs = Array<[key: string, value: string]> | Record<string, string>;

export class EventManager {
  readonly events: Event[] = [];
  emit(type: string, attrs: Attrs): void {
    const list = Array.isArray(attrs) ? attrs : Object.entries(attrs);
    this.events.push({ type, attributes: list.map(([key, value]) => ({ key, value, index: true })) });
  }
  emitAll(events: Event[]): void {
    this.events.push(...events);
  }
}
