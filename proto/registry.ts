// Adapts ts-proto 2 generated messages to CosmJS's GeneratedType. At runtime they fit as they are (CosmJS's
// Registry calls fromPartial, then encode(msg).finish() or decode(bytes), never passing a writer), but at the type
// level CosmJS (a CommonJS package) sees @bufbuild/protobuf's CJS BinaryWriter declarations while our ESM code sees
// the ESM ones, and TypeScript treats the two classes as unrelated. The one cast lives here, behind a check that the
// value really is a generated message type.
import type { GeneratedType } from '@cosmjs/proto-signing';

/** What every ts-proto message const provides (encode/decode/fromPartial are what CosmJS uses). */
export interface GeneratedMessage<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array, length?: number): T;
  fromPartial(object: any): T; // any: ts-proto's DeepPartial<T>
}

export function generatedType<T>(message: GeneratedMessage<T>): GeneratedType {
  return message as unknown as GeneratedType;
}

/** A [typeUrl, type] pair for `new Registry([...])`; the type URL is '/' + the message's full protobuf name. */
export function registryEntry<T>(typeUrl: `/${string}`, message: GeneratedMessage<T>): [string, GeneratedType] {
  return [typeUrl, generatedType(message)];
}
