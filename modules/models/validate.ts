// Stateless checks of registration fields: text lengths, the declared spec, the comparison rule, royalty shares.
import { ComparisonRule, type DatasetShare, type ModelSpec } from '../../proto/gen/aichain/models/v1/types.js';
import { modelsErrors } from './errors.js';
import { isId } from './keys.js';

export const LIMITS = {
  nameChars: 64,
  descriptionChars: 1024,
  uriChars: 512,
  tensorsPerSide: 16,
  tensorNameChars: 128,
  rank: 8,
  maxDim: 1n << 31n,
  /** The runner's range too (native/onnx/canonical.ts MAX_SCALE_BITS; a test holds them equal): at 32 bits a float32
   *  output up to 2^31 in magnitude still fits the int64 canonical value. */
  maxScaleBits: 32,
  maxBps: 10_000,
} as const;

/** Element types a spec may declare: the ones the runner accepts (native/onnx/dtypes.ts), by the runner's names. */
export const DTYPES = ['float32', 'float64', 'int64', 'int32', 'int8', 'uint8', 'bool'] as const;

export function requireId(id: string, what: string): void {
  if (!isId(id)) throw modelsErrors.invalidId(`${what} ${JSON.stringify(id.slice(0, 80))}`);
}

export function requireText(s: string, what: string, max: number, required = false): void {
  if (required && s.length === 0) throw modelsErrors.invalidField(`${what} is empty`);
  if (s.length > max) throw modelsErrors.invalidField(`${what} longer than ${max} characters`);
  // Control characters would garble logs and CLI output.
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(s))
    throw modelsErrors.invalidField(`${what} contains control characters`);
}

export function validateSpec(spec: ModelSpec | undefined): void {
  if (!spec) throw modelsErrors.invalidSpec('spec is missing');
  for (const [side, list] of [
    ['inputs', spec.inputs],
    ['outputs', spec.outputs],
  ] as const) {
    if (list.length === 0) throw modelsErrors.invalidSpec(`no ${side} declared`);
    if (list.length > LIMITS.tensorsPerSide)
      throw modelsErrors.invalidSpec(`more than ${LIMITS.tensorsPerSide} ${side}`);
    const names = new Set<string>();
    for (const t of list) {
      if (!t.name || t.name.length > LIMITS.tensorNameChars)
        throw modelsErrors.invalidSpec(`${side}: tensor name empty or too long`);
      if (names.has(t.name)) throw modelsErrors.invalidSpec(`${side}: tensor ${t.name} declared twice`);
      names.add(t.name);
      if (!(DTYPES as readonly string[]).includes(t.dtype))
        throw modelsErrors.invalidSpec(`${side}: ${t.name} has unknown dtype ${JSON.stringify(t.dtype)}`);
      if (t.shape.length > LIMITS.rank)
        throw modelsErrors.invalidSpec(`${side}: ${t.name} has rank above ${LIMITS.rank}`);
      for (const d of t.shape) {
        if (d !== -1n && (d < 1n || d > LIMITS.maxDim))
          throw modelsErrors.invalidSpec(`${side}: ${t.name} has dimension ${d} (use -1 for dynamic)`);
      }
    }
  }
}

export function validateRule(rule: ComparisonRule, scaleBits: number, tolerance: bigint, spec?: ModelSpec): void {
  if (
    rule !== ComparisonRule.COMPARISON_RULE_EXACT
    && rule !== ComparisonRule.COMPARISON_RULE_TOLERANCE
    && rule !== ComparisonRule.COMPARISON_RULE_ARGMAX
  )
    throw modelsErrors.invalidRule(`rule ${rule} is not exact, tolerance or argmax`);
  if (!Number.isInteger(scaleBits) || scaleBits < 0 || scaleBits > LIMITS.maxScaleBits)
    throw modelsErrors.invalidRule(`scale_bits ${scaleBits} outside 0..${LIMITS.maxScaleBits}`);
  if (rule === ComparisonRule.COMPARISON_RULE_TOLERANCE && tolerance === 0n)
    throw modelsErrors.invalidRule('the tolerance rule needs a positive tolerance');
  if (rule !== ComparisonRule.COMPARISON_RULE_TOLERANCE && tolerance !== 0n)
    throw modelsErrors.invalidRule('tolerance is only for the tolerance rule');
  if (rule === ComparisonRule.COMPARISON_RULE_ARGMAX && spec) requireArgmaxClasses(spec);
}

/**
 * argmax compares the index of the largest value along each output's last axis, so that axis must be static and
 * hold at least two values: over one value the index is always 0 and every result, right or wrong, would match.
 */
function requireArgmaxClasses(spec: ModelSpec): void {
  for (const t of spec.outputs) {
    const last = t.shape.at(-1);
    if (last === undefined)
      throw modelsErrors.invalidRule(`argmax: output ${t.name} is a scalar, and argmax of one value is always 0`);
    if (last === -1n)
      throw modelsErrors.invalidRule(
        `argmax: output ${t.name} has a dynamic last dimension; argmax needs a static class count`,
      );
    if (last < 2n)
      throw modelsErrors.invalidRule(
        `argmax: output ${t.name} has one value per row, and argmax of one value is always 0`,
      );
  }
}

/** Shape of the royalty list; existence of the datasets is checked against state by the keeper. */
export function validateShares(shares: DatasetShare[], maxCount: number): void {
  if (shares.length > maxCount) throw modelsErrors.invalidRoyalties(`more than ${maxCount} datasets`);
  const seen = new Set<string>();
  let sum = 0;
  for (const s of shares) {
    requireId(s.datasetId, 'dataset id');
    if (seen.has(s.datasetId)) throw modelsErrors.invalidRoyalties(`dataset ${s.datasetId} listed twice`);
    seen.add(s.datasetId);
    if (!Number.isInteger(s.shareBps) || s.shareBps < 1 || s.shareBps > LIMITS.maxBps)
      throw modelsErrors.invalidRoyalties(`share of ${s.datasetId} must be 1..10000 bps`);
    sum += s.shareBps;
  }
  if (sum > LIMITS.maxBps) throw modelsErrors.invalidRoyalties(`shares sum to ${sum} bps, above 10000`);
}
