// cosmjs-types 0.11's BinaryWriter.alloc builds a fresh 8 KiB slab pool on every call, so each `encode().finish()`
// allocates 8 KiB and every small value kept in state pins a whole slab (a million keys would hold 8 GB). Replace it
// with an exact-size allocation. Imported for its effect by the app before any encoding happens.
import { BinaryWriter } from 'cosmjs-types/binary';

(BinaryWriter as unknown as { alloc(size: number): Uint8Array }).alloc = (size: number) => new Uint8Array(size);

export const protoAllocPatched = true;
