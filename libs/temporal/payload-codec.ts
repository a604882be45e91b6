import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { Counter, register } from 'prom-client';
import { ConfigError, type AppConfig } from '../config/config.js';
import { parsePayloadKeys, type PayloadKey } from '../config/payload-keys.js';
import { REFUSED_PAYLOAD_VALUE } from '../policy/trust.js';

/** The metadata `encoding` of a payload this codec encrypted. */
export const ENCRYPTED_ENCODING = 'binary/custodian-encrypted';
const META_KEY_ID = 'custodian-key-id';
const META_NAMESPACE = 'custodian-namespace';
const META_WORKFLOW = 'custodian-workflow-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type RefusalReason = 'not_encrypted' | 'unknown_key' | 'unbound' | 'other_workflow' | 'not_authentic';

export interface RefusedPayload {
  reason: RefusalReason;
  /** Where it was met: the workflow the SDK named, and the key id the payload claimed (never its content). */
  namespace?: string;
  workflowId?: string;
  keyId?: string;
}

const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const dec = (b: Uint8Array | null | undefined): string | undefined => (b ? Buffer.from(b).toString('utf8') : undefined);

/** The additional authenticated data: key id, namespace and workflow id, each length-prefixed. */
function aad(keyId: string, namespace: string, workflowId: string): Buffer {
  const parts = ['custodian-payload/v1', keyId, namespace, workflowId].map((p) => Buffer.from(p, 'utf8'));
  return Buffer.concat(parts.flatMap((p) => [Buffer.from(Uint32Array.of(p.length).buffer), p]));
}

/** The inner payload as bytes: its metadata and data, base64 in JSON (no protobuf dependency). */
function serialize(p: Payload): Buffer {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')]));
  return Buffer.from(JSON.stringify({ m: metadata, d: Buffer.from(p.data ?? new Uint8Array()).toString('base64') }), 'utf8');
}

function deserialize(b: Buffer): Payload {
  const o = JSON.parse(b.toString('utf8')) as { m: Record<string, string>; d: string };
  return { metadata: Object.fromEntries(Object.entries(o.m).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])), data: new Uint8Array(Buffer.from(o.d, 'base64')) };
}

/** The marker an unauthenticated payload becomes (libs/policy/trust.ts): every entry point refuses it. */
export const refusedPayload = (): Payload => ({
  metadata: { encoding: enc('json/plain') },
  data: enc(JSON.stringify(REFUSED_PAYLOAD_VALUE)),
});

/**
 * AES-256-GCM for every payload Custodian stores in Temporal (inputs, Update and signal arguments,
 * activity inputs and results, query answers): Temporal's database, its Web UI and anyone who reaches
 * its frontend see ciphertext, and cannot send anything the workflows believe. A random 12-byte IV per
 * payload; the key id, namespace and workflow id stay readable in the metadata and are authenticated
 * as AAD, so a ciphertext copied into another workflow is refused.
 *
 * `decode` never throws for an unauthenticated payload: it returns the refused marker and reports it
 * (`onRefused`), because a throwing codec would fail the workflow task and Temporal would retry it
 * forever (the worker decodes the whole activation first).
 */
export class CustodianPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(
    private readonly keys: PayloadKey[],
    private readonly onRefused: (r: RefusedPayload) => void = () => {},
  ) {
    if (keys.length === 0) throw new Error('CustodianPayloadCodec needs at least one key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const { id, key } = this.keys[0];
    const namespace = context?.namespace ?? '';
    const workflowId = context?.workflowId ?? '';
    return payloads.map((p) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(id, namespace, workflowId));
      const body = Buffer.concat([cipher.update(serialize(p)), cipher.final()]);
      return {
        metadata: { encoding: enc(ENCRYPTED_ENCODING), [META_KEY_ID]: enc(id), [META_NAMESPACE]: enc(namespace), [META_WORKFLOW]: enc(workflowId) },
        data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
      };
    });
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return payloads.map((p) => {
      const r = this.open(p, context);
      if ('payload' in r) return r.payload;
      this.onRefused({ reason: r.reason, namespace: context?.namespace, workflowId: context?.workflowId, keyId: dec(p.metadata?.[META_KEY_ID]) });
      return refusedPayload();
    });
  }

  /** Decrypts one payload, or says why it is refused. Without a context (the operators' codec endpoint) the binding is not compared. */
  open(p: Payload, context?: SerializationContext): { payload: Payload } | { reason: RefusalReason } {
    const m = p.metadata ?? {};
    if (dec(m.encoding) !== ENCRYPTED_ENCODING) return { reason: 'not_encrypted' };
    const keyId = dec(m[META_KEY_ID]) ?? '';
    const key = this.byId.get(keyId);
    if (!key) return { reason: 'unknown_key' };
    const namespace = dec(m[META_NAMESPACE]);
    const workflowId = dec(m[META_WORKFLOW]);
    if (namespace === undefined || workflowId === undefined) return { reason: 'unbound' };
    if (context && (context.namespace !== namespace || (context.workflowId !== undefined && context.workflowId !== workflowId))) return { reason: 'other_workflow' };
    const data = Buffer.from(p.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) return { reason: 'not_authentic' };
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(aad(keyId, namespace, workflowId));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return { payload: deserialize(plain) };
    } catch {
      return { reason: 'not_authentic' };
    }
  }
}

/** The keys from TEMPORAL_PAYLOAD_KEYS, or else the file TEMPORAL_PAYLOAD_KEYS_FILE (validated at boot by loadConfig). */
export function payloadKeysOf(config: Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEYS_FILE'>): PayloadKey[] {
  if (config.TEMPORAL_PAYLOAD_KEYS) return parsePayloadKeys(config.TEMPORAL_PAYLOAD_KEYS);
  if (config.TEMPORAL_PAYLOAD_KEYS_FILE) return parsePayloadKeys(readFileSync(config.TEMPORAL_PAYLOAD_KEYS_FILE, 'utf8'));
  throw new ConfigError(['TEMPORAL_PAYLOAD_KEYS: is required here but not set (or set TEMPORAL_PAYLOAD_KEYS_FILE); generate a key with: node -e "console.log(\'k1:\'+require(\'crypto\').randomBytes(32).toString(\'base64\'))"']);
}

let refusedCounter: Counter<'reason'> | undefined;
/** custodian_temporal_payloads_refused_total{reason}, in prom-client's default registry. */
function refusedMetric(): Counter<'reason'> {
  refusedCounter ??=
    (register.getSingleMetric('custodian_temporal_payloads_refused_total') as Counter<'reason'> | undefined) ??
    new Counter({ name: 'custodian_temporal_payloads_refused_total', help: 'Temporal payloads refused by the payload codec (not encrypted with a Custodian key, altered, or bound to another workflow)', labelNames: ['reason'] });
  return refusedCounter;
}

/**
 * The one data converter every Custodian Client, Worker and NativeConnection user passes to Temporal.
 * A refused payload is logged (without its content) and counted, for operators: it is someone without
 * the key talking to Temporal directly.
 */
export function custodianDataConverter(config: Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEYS_FILE'>, logger?: Pick<Logger, 'warn'>): DataConverter {
  return { payloadCodecs: [custodianPayloadCodec(config, logger)] };
}

export function custodianPayloadCodec(config: Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEYS_FILE'>, logger?: Pick<Logger, 'warn'>): CustodianPayloadCodec {
  return new CustodianPayloadCodec(payloadKeysOf(config), (r) => {
    refusedMetric().inc({ reason: r.reason });
    const line = { event: 'temporal_payload_refused', ...r };
    if (logger) logger.warn(line, 'refused a Temporal payload that Custodian did not encrypt for this workflow');
    else process.stderr.write(`${JSON.stringify({ level: 'warn', msg: 'refused a Temporal payload that Custodian did not encrypt for this workflow', ...line })}\n`);
  });
}

/** For the API's and the worker's entry points: without a payload key they must not start (exit 78, EX_CONFIG). */
export function requirePayloadKeysOrExit(config: Pick<AppConfig, 'TEMPORAL_PAYLOAD_KEYS' | 'TEMPORAL_PAYLOAD_KEYS_FILE'>): void {
  try {
    payloadKeysOf(config);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(78);
  }
}
