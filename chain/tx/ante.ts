// The ante checks every tx passes before its messages run, in DESIGN §3's order: size (decode), chain id (through the
// sign doc), minimum fee, account, sequence, signature, fee deduction, sequence increment. They run in their own
// cache: on failure nothing they wrote survives; on success their writes (fee, sequence) stay even if a message fails.
import { SignDoc } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import type { Context } from '../types/context.js';
import { sdkErrors } from '../types/errors.js';
import { addressFromPubKey, toAddress } from '../types/address.js';
import { formatCoins, type Amount } from '../types/coins.js';
import { mulIntDec, parseDec } from '../types/dec.js';
import { sha256 } from '../store/bytes.js';
import type { DecodedTx } from './decode.js';

export interface AnteAccount {
  address: Uint8Array;
  pubKey?: Uint8Array;
  accountNumber: bigint;
  sequence: bigint;
  module?: { name: string; permissions: string[] };
}

/** What the ante checks need from the account and bank modules, handed in at wiring time. */
export interface AnteKeepers {
  getAccount(ctx: Context, addr: Uint8Array): AnteAccount | undefined;
  setAccount(ctx: Context, account: AnteAccount): void;
  getParams(ctx: Context): Params;
  minGasPrices(ctx: Context): Array<{ denom: string; amount: string }>;
  spendable(ctx: Context, addr: Uint8Array, denom: string): bigint;
  /** Moves the fee from the payer to the fee collector. */
  deductFee(ctx: Context, payer: Uint8Array, fee: Amount[]): void;
}

/** Verifies sha256(sign doc) signatures; implementations may consult a cache of already-verified triples. */
export interface SignatureChecker {
  verify(signDocHash: Uint8Array, signature: Uint8Array, pubKey: Uint8Array): boolean;
}

/** 64-byte signature plus its protobuf framing, plus a typical fee coin. */
const SIMULATED_EXTRA_BYTES = 66 + 20;

export function signDocHash(tx: DecodedTx, chainId: string, accountNumber: bigint): Uint8Array {
  // Remembered on the (cached) decoded tx: FinalizeBlock's parallel pre-verification and the ante need the same hash.
  const memo = (tx.signDocHashes ??= new Map());
  const k = `${chainId}|${accountNumber}`;
  let hash = memo.get(k);
  if (!hash) {
    // Built from the raw bytes in TxRaw, never re-encoded: what the client signed.
    const doc = SignDoc.encode({
      bodyBytes: tx.raw.bodyBytes,
      authInfoBytes: tx.raw.authInfoBytes,
      chainId,
      accountNumber,
    }).finish();
    hash = sha256(doc);
    memo.set(k, hash);
  }
  return hash;
}

/** Fee >= gas limit × min gas price in at least one denom; every fee denom must be an accepted fee denom. */
export function checkMinFee(tx: DecodedTx, prices: Array<{ denom: string; amount: string }>): void {
  const priced = prices.map((p) => ({ denom: p.denom, price: parseDec(p.amount) })).filter((p) => p.price > 0n);
  for (const f of tx.fee.amount) {
    if (!prices.some((p) => p.denom === f.denom))
      throw sdkErrors.insufficientFee(
        `${f.denom} is not accepted for fees; use one of ${prices.map((p) => p.denom).join(', ')}`,
      );
  }
  if (!priced.length) return;
  const required = priced.map((p) => ({ denom: p.denom, amount: mulIntDec(tx.fee.gasLimit, p.price, 'ceil') }));
  const ok = required.some((r) => (tx.fee.amount.find((f) => f.denom === r.denom)?.amount ?? 0n) >= r.amount);
  if (!ok) {
    throw sdkErrors.insufficientFee(
      `got: ${formatCoins(tx.fee.amount) || '0'} required: ${required.map((r) => `${r.amount}${r.denom}`).join(' or ')}`,
    );
  }
}

export function runAnte(ctx: Context, tx: DecodedTx, keepers: AnteKeepers, sigs: SignatureChecker): void {
  const params = keepers.getParams(ctx);
  ctx.gas.consume(params.txSizeCostPerByte * BigInt(tx.bytes.length), 'txSize');
  // A simulated tx is unsigned and fee-less: charge for the bytes its signatures and fee will add (as the SDK does).
  if (ctx.isSimulate)
    ctx.gas.consume(
      params.txSizeCostPerByte * BigInt(SIMULATED_EXTRA_BYTES * tx.signers.length),
      'txSize (simulated signatures and fee)',
    );
  if (tx.body.timeoutHeight > 0n && ctx.block.height > tx.body.timeoutHeight) {
    throw sdkErrors.txTimeoutHeight(
      `block height ${ctx.block.height} is past the tx's timeout height ${tx.body.timeoutHeight}`,
    );
  }
  // A genesis tx (a gentx, delivered by InitChain) pays no fee and is signed with account number 0, as genutil's are.
  const genesis = ctx.mode === 'genesis';
  if (!ctx.isSimulate && !genesis) checkMinFee(tx, keepers.minGasPrices(ctx));

  const accounts: AnteAccount[] = [];
  tx.signerAddrs.forEach((addr, i) => {
    const acc = keepers.getAccount(ctx, addr);
    if (!acc) throw sdkErrors.unknownAddress(`account ${tx.signers[i]} does not exist`);
    const infoKey = tx.pubKeys[i];
    const pubKey = acc.pubKey ?? infoKey;
    if (!pubKey) {
      if (!ctx.isSimulate)
        throw sdkErrors.invalidPubKey(`signer ${tx.signers[i]} has no public key on chain and the tx carries none`);
    } else if (!acc.pubKey && Buffer.compare(addressFromPubKey(pubKey), addr) !== 0) {
      throw sdkErrors.invalidPubKey(`public key does not match signer address ${tx.signers[i]}`);
    } else if (acc.pubKey && infoKey && Buffer.compare(acc.pubKey, infoKey) !== 0) {
      throw sdkErrors.invalidPubKey(`public key differs from the one ${tx.signers[i]} registered`);
    }
    const seq = tx.authInfo.signerInfos[i].sequence;
    if (seq !== acc.sequence) {
      throw sdkErrors.wrongSequence(`account sequence mismatch, expected ${acc.sequence}, got ${seq}`);
    }
    ctx.gas.consume(params.sigVerifyCostSecp256k1, 'ante verify: secp256k1');
    // Simulation skips the check (the tx is unsigned); a re-check already verified this exact tx.
    if (!ctx.isSimulate && ctx.mode !== 'recheck') {
      const accountNumber = genesis ? 0n : acc.accountNumber;
      const hash = signDocHash(tx, ctx.block.chainId, accountNumber);
      if (!sigs.verify(hash, tx.raw.signatures[i], pubKey!)) {
        throw sdkErrors.unauthorized(
          `signature verification failed; please verify account number (${accountNumber}) and chain-id (${ctx.block.chainId})`,
        );
      }
    }
    accounts.push({ ...acc, pubKey });
  });

  const payer = tx.signerAddrs[0];
  if (ctx.isSimulate && !tx.fee.amount.length) {
    // Estimate the deduction's store gas by deducting one unit of a fee denom from the (throwaway) simulation state.
    const denom = keepers.minGasPrices(ctx)[0]?.denom;
    if (denom && keepers.spendable(ctx, payer, denom) > 0n) keepers.deductFee(ctx, payer, [{ denom, amount: 1n }]);
  } else if (tx.fee.amount.length) {
    keepers.deductFee(ctx, payer, tx.fee.amount);
    ctx.events.emit('tx', [
      ['fee', formatCoins(tx.fee.amount)],
      ['fee_payer', tx.signers[0]],
    ]);
  }
  accounts.forEach((acc) => {
    keepers.setAccount(ctx, { ...acc, sequence: acc.sequence + 1n });
    ctx.events.emit('tx', [['acc_seq', `${toAddress(acc.address)}/${acc.sequence}`]]);
  });
  tx.raw.signatures.forEach((s) => ctx.events.emit('tx', [['signature', Buffer.from(s).toString('base64')]]));
}
