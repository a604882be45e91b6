import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Payload } from '@temporalio/common';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { AppConfig } from '../../../../libs/config/config.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { custodianPayloadCodec, type CustodianPayloadCodec } from '../../../../libs/temporal/payload-codec.js';
import { CONFIG } from '../core/tokens.js';

/** A payload as the codec-server protocol carries it: metadata values and data in base64. */
export interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const bad = (message: string) => new DomainError(ErrorCode.Validation, message);

function fromWire(p: unknown, i: number): Payload {
  if (typeof p !== 'object' || p === null) throw bad(`payloads[${i}] must be an object { metadata, data }`);
  const { metadata = {}, data = '' } = p as WirePayload;
  if (typeof metadata !== 'object' || metadata === null || typeof data !== 'string' || !BASE64.test(data)) throw bad(`payloads[${i}]: metadata must map names to base64, data must be base64`);
  const m: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== 'string' || !BASE64.test(v)) throw bad(`payloads[${i}].metadata.${k} must be base64`);
    m[k] = Buffer.from(v, 'base64');
  }
  return { metadata: m, data: Buffer.from(data, 'base64') };
}

const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

/**
 * The Temporal codec server's decode, for operators (the Temporal Web UI, `temporal workflow show
 * --codec-endpoint`). Only decode: an encode endpoint would let its caller mint ciphertext the workflows
 * believe, i.e. forge a decision. A payload it cannot open (not Custodian's, another namespace, a retired
 * key) is returned unchanged, as the protocol expects. Every call is logged with who asked and which
 * workflows' payloads they read (never the content).
 */
@Injectable()
export class TemporalCodecService {
  private readonly logger = new Logger('TemporalCodec');
  private readonly codec: CustodianPayloadCodec;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.codec = custodianPayloadCodec(config);
  }

  decode(user: AuthUser, namespace: string | undefined, payloads: unknown[]): { payloads: WirePayload[] } {
    const ns = namespace ?? this.config.TEMPORAL_NAMESPACE;
    const workflows = new Set<string>();
    let opened = 0;
    const out = payloads.map((raw, i) => {
      const p = fromWire(raw, i);
      const r = this.codec.open(p);
      const boundNs = Buffer.from(p.metadata?.['custodian-namespace'] ?? new Uint8Array()).toString('utf8');
      if (!('payload' in r) || boundNs !== ns) return toWire(p);
      opened++;
      workflows.add(Buffer.from(p.metadata?.['custodian-workflow-id'] ?? new Uint8Array()).toString('utf8'));
      return toWire(r.payload);
    });
    this.logger.log({ event: 'temporal_payloads_decoded', userId: user.userId, username: user.username, roles: user.roles, namespace: ns, payloads: payloads.length, decoded: opened, workflowIds: [...workflows] }, 'an operator decoded Temporal payloads');
    return { payloads: out };
  }
}
