import type { Payload, SerializationContext } from '@temporalio/common';
import { generatePayloadKey, parsePayloadKeys } from '../config/payload-keys.js';
import { CustodianPayloadCodec, ENCRYPTED_ENCODING, type RefusedPayload } from './payload-codec.js';

const json = (v: unknown): Payload => ({ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(v)) });
const text = (p: Payload) => Buffer.from(p.data ?? []).toString('utf8');
const wf = (workflowId: string, namespace = 'default'): SerializationContext => ({ type: 'workflow', namespace, workflowId });
const REFUSED = '{"$refused":"unauthenticated payload"}';

function codecWith(keys: string) {
  const refused: RefusedPayload[] = [];
  return { codec: new CustodianPayloadCodec(parsePayloadKeys(keys), (r) => refused.push(r)), refused };
}

describe('the payload codec (AES-256-GCM, bound to its workflow)', () => {
  const k1 = generatePayloadKey('k1');
  const k2 = generatePayloadKey('k2');

  it('round trip: what it encodes for a workflow, it decodes for that workflow; the stored bytes hold no plaintext', async () => {
    const { codec, refused } = codecWith(k1);
    const [enc] = await codec.encode([json({ justification: 'Zhang Wei needs the VPN' })], wf('access-request-1'));
    expect(Buffer.from(enc.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    expect(Buffer.from(enc.data!).toString('latin1')).not.toContain('Zhang Wei');
    const [dec] = await codec.decode([enc], wf('access-request-1'));
    expect(JSON.parse(text(dec))).toEqual({ justification: 'Zhang Wei needs the VPN' });
    expect(Buffer.from(dec.metadata!.encoding!).toString()).toBe('json/plain');
    // an activity of that workflow decodes it too (the worker gives activities the scheduling workflow id)
    const [forActivity] = await codec.decode([enc], { type: 'activity', namespace: 'default', workflowId: 'access-request-1', isLocal: false });
    expect(JSON.parse(text(forActivity))).toEqual({ justification: 'Zhang Wei needs the VPN' });
    expect(refused).toEqual([]);
  });

  it('a random IV per payload: the same value encrypts differently each time', async () => {
    const { codec } = codecWith(k1);
    const [a, b] = await codec.encode([json('same'), json('same')], wf('w'));
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('rotation: the first key encrypts, an older key still decrypts what it encrypted', async () => {
    const old = codecWith(k1).codec;
    const [byOld] = await old.encode([json({ n: 1 })], wf('w'));
    const { codec: rotated, refused } = codecWith(`${k2},${k1}`);
    const [byNew] = await rotated.encode([json({ n: 2 })], wf('w'));
    expect(Buffer.from(byNew.metadata!['custodian-key-id']!).toString()).toBe('k2');
    expect((await rotated.decode([byOld, byNew], wf('w'))).map((p) => JSON.parse(text(p)))).toEqual([{ n: 1 }, { n: 2 }]);
    expect(refused).toEqual([]);
    // once k1 is retired, what only k1 could read is refused, not thrown
    const { codec: retired, refused: r2 } = codecWith(k2);
    expect(text((await retired.decode([byOld], wf('w')))[0])).toBe(REFUSED);
    expect(r2).toEqual([expect.objectContaining({ reason: 'unknown_key', keyId: 'k1' })]);
  });

  it('a tampered tag, ciphertext or bound metadata is refused (a marker, never an exception)', async () => {
    const { codec, refused } = codecWith(k1);
    const [enc] = await codec.encode([json({ ok: true })], wf('w'));
    const flip = (i: number) => {
      const d = Buffer.from(enc.data!);
      d[i] ^= 1;
      return { ...enc, data: d };
    };
    const otherWf = { ...enc, metadata: { ...enc.metadata, 'custodian-workflow-id': Buffer.from('w2') } };
    const decoded = await codec.decode([flip(enc.data!.length - 1), flip(14), otherWf], undefined);
    expect(decoded.map(text)).toEqual([REFUSED, REFUSED, REFUSED]);
    expect(refused.map((r) => r.reason)).toEqual(['not_authentic', 'not_authentic', 'not_authentic']);
  });

  it('plaintext (a client without the key) and an unknown key id are refused', async () => {
    const { codec, refused } = codecWith(k1);
    const [enc] = await codecWith(generatePayloadKey('k9')).codec.encode([json(1)], wf('w'));
    const out = await codec.decode([json({ taskId: 't', actor: { userId: 'forged', roles: ['it'] } }), enc], wf('w'));
    expect(out.map(text)).toEqual([REFUSED, REFUSED]);
    expect(refused.map((r) => r.reason)).toEqual(['not_encrypted', 'unknown_key']);
    // a key id that is known but holds another secret fails authentication
    const [sameIdOtherKey] = await codecWith(generatePayloadKey('k1')).codec.encode([json(1)], wf('w'));
    expect(text((await codec.decode([sameIdOtherKey], wf('w')))[0])).toBe(REFUSED);
  });

  it('a ciphertext copied from another workflow is refused by the workflow it is pasted into', async () => {
    const { codec, refused } = codecWith(k1);
    const [enc] = await codec.encode([json({ outcome: 'approve' })], wf('access-request-A'));
    expect(text((await codec.decode([enc], wf('access-request-B')))[0])).toBe(REFUSED);
    expect(text((await codec.decode([enc], wf('access-request-A', 'other-namespace')))[0])).toBe(REFUSED);
    expect(refused).toEqual([
      { reason: 'other_workflow', namespace: 'default', workflowId: 'access-request-B', keyId: 'k1' },
      { reason: 'other_workflow', namespace: 'other-namespace', workflowId: 'access-request-A', keyId: 'k1' },
    ]);
  });

  it('the refusal report names the workflow and key id, never the payload content', async () => {
    const { codec, refused } = codecWith(k1);
    await codec.decode([json({ secret: 'Zhang Wei' })], wf('w'));
    expect(JSON.stringify(refused)).not.toContain('Zhang Wei');
  });
});

describe('payload keys', () => {
  it('accept id:base64 pairs of 32 bytes, comma- or newline-separated, and refuse anything else with a reason', () => {
    const a = generatePayloadKey('a');
    const b = generatePayloadKey('b');
    expect(parsePayloadKeys(`${a},${b}`).map((k) => k.id)).toEqual(['a', 'b']);
    expect(parsePayloadKeys(`# rotated 2026-12\n${b}\n${a}\n`).map((k) => k.id)).toEqual(['b', 'a']);
    expect(() => parsePayloadKeys('k1:' + Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
    expect(() => parsePayloadKeys(Buffer.alloc(32).toString('base64'))).toThrow(/id:base64/);
    expect(() => parsePayloadKeys(`${a},${a}`)).toThrow(/twice/);
    expect(() => parsePayloadKeys(' , ')).toThrow(/no key/);
  });
});
