// The message JSON codecs a gentx may carry: every type the chain's client registry knows.
import { aichainTypes } from '../client/index.js';
import type { JsonCodec } from '../tx/json.js';

const codecs = new Map(aichainTypes.map(([url, t]) => [url, t as unknown as JsonCodec]));

export const clientJsonCodec = (typeUrl: string): JsonCodec | undefined => codecs.get(typeUrl);

export const CREATE_VALIDATOR_URL = '/aichain.staking.v1.MsgCreateValidator';
