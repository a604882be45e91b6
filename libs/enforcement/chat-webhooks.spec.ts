import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatRequest, dingTalkSign, feishuSign, loadChatTargets } from './chat-webhooks.js';

const file = (content: unknown) => {
  const f = join(mkdtempSync(join(tmpdir(), 'chat-')), 'bots.json');
  writeFileSync(f, JSON.stringify(content));
  return { CHAT_WEBHOOKS_FILE: f };
};

describe('chat bots', () => {
  it('are off without CHAT_WEBHOOKS_FILE, and a bad entry is named without its URL or secret', () => {
    expect(loadChatTargets({})).toBeNull();
    const bad = [
      { name: 'a', platform: 'slack', url: 'https://x.example/?token=hush', role: 'it' },
      { name: 'b', platform: 'wecom', url: 'https://x.example/?key=hush', secret: 'hush-secret', role: 'it' },
      { name: 'c', platform: 'dingtalk', url: 'http://x.example/?access_token=hush', secret: 'hush-secret', role: 'nobody' },
    ];
    let msg = '';
    try {
      loadChatTargets(file(bad));
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/\[0\]\.platform/);
    expect(msg).toMatch(/\[1\]\.secret: WeCom bots have no signing secret/);
    expect(msg).toMatch(/\[2\]\.url: an https URL/);
    expect(msg).toMatch(/\[2\]\.role/);
    expect(msg).not.toMatch(/hush/);
  });

  it('sign as each platform documents', () => {
    // Vectors computed apart with node -e and crypto.createHmac: DingTalk keyed by the secret over `ts\nsecret`, Feishu keyed by `ts\nsecret` over nothing.
    expect(dingTalkSign(1700000000000, 'SECabc')).toBe('jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM=');
    expect(feishuSign(1700000000, 'abc')).toBe('VIS10b0EBvzzSdFnuk4tznEmK5wHaruvf/WnViv2yR4=');
    const t = { name: 'd', platform: 'dingtalk' as const, url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: 'SECabc', role: 'it' as const, departmentId: null };
    const r = chatRequest(t, 'hi', new Date(1700000000000));
    expect(new URL(r.url).searchParams.get('sign')).toBe(dingTalkSign(1700000000000, 'SECabc'));
    expect(JSON.parse(r.body)).toEqual({ msgtype: 'text', text: { content: 'hi' } });
    const f = chatRequest({ ...t, platform: 'feishu', secret: 'abc' }, 'hi', new Date(1700000000000));
    expect(JSON.parse(f.body)).toEqual({ timestamp: '1700000000', sign: feishuSign(1700000000, 'abc'), msg_type: 'text', content: { text: 'hi' } });
  });
});
