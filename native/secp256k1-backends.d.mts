export type VerifyFn = (msgHash: Uint8Array, sig: Uint8Array, pubKey: Uint8Array) => boolean;
export type Secp256k1Backend = 'libsecp256k1' | 'noble';
export declare function wellFormed(msgHash: unknown, sig: unknown, pubKey: unknown): boolean;
export declare function nobleVerify(msgHash: Uint8Array, sig: Uint8Array, pubKey: Uint8Array): boolean;
/** Throws if the native addon cannot be loaded. */
export declare function loadNativeVerify(): VerifyFn;
export declare function pickBackend(prefer?: 'native' | 'js'): {
  backend: Secp256k1Backend;
  verify: VerifyFn;
  loadError?: string;
};
